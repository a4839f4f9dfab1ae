package dev.lanyard.server.http;

import dev.lanyard.model.Event;
import dev.lanyard.server.report.EventReports;
import dev.lanyard.server.report.WholeEventReads;
import io.javalin.http.Context;

/** The organizer's summary of an event and its arrivals chart; whoever may read the event may read them. */
public final class ReportController {
    private final EventReports reports;
    private final Guard guard;
    private final WholeEventReads atOnce;

    public ReportController(EventReports reports, Guard guard, WholeEventReads atOnce) {
        this.reports = reports;
        this.guard = guard;
        this.atOnce = atOnce;
    }

    public void summary(Context ctx) {
        Event event = guard.visible(ctx);
        ctx.json(atOnce.run(() -> reports.summarize(event)));
    }

    public void arrivalsChart(Context ctx) {
        Event event = guard.visible(ctx);
        ctx.contentType("image/png").result(atOnce.run(() -> reports.arrivalsChartPng(reports.summarize(event))));
    }
}
