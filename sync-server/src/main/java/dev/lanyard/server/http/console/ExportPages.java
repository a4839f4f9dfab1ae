package dev.lanyard.server.http.console;

import dev.lanyard.model.Event;
import dev.lanyard.server.http.CsvController;
import dev.lanyard.server.http.Guard;
import io.javalin.http.Context;

/**
 * The exports page; the downloads are the API's own export handlers, reached with the console
 * session, so the same rule (admin, auditor or the event's organizer) and the same audit apply.
 */
public final class ExportPages {
    private final CsvController csv;
    private final Guard guard;

    public ExportPages(CsvController csv, Guard guard) {
        this.csv = csv;
        this.guard = guard;
    }

    public void page(Context ctx) {
        Event event = guard.exportable(ctx);
        Views.html(ctx, "exports.jte", Pages.params(Pages.page(ctx, guard, "events"), "event", event,
                "manage", guard.policy().canManage(guard.principal(ctx), event)));
    }

    public void participants(Context ctx) {
        csv.exportParticipants(ctx);
    }

    public void checkIns(Context ctx) {
        csv.exportCheckIns(ctx);
    }
}
