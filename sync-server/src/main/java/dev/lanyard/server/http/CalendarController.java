package dev.lanyard.server.http;

import dev.lanyard.model.Event;
import dev.lanyard.server.calendar.CalendarLink;
import dev.lanyard.server.calendar.CalendarLinks;
import dev.lanyard.server.calendar.EventCalendar;
import dev.lanyard.server.sync.EventService;
import io.javalin.http.Context;

/** The public calendar link of an event (no login: the token is the key) and its rotation by the organizer. */
public final class CalendarController {
    private final CalendarLinks links;
    private final EventService events;
    private final Guard guard;

    public CalendarController(CalendarLinks links, EventService events, Guard guard) {
        this.links = links;
        this.events = events;
        this.guard = guard;
    }

    /** {@code GET /calendar/{token}.ics}: any unknown, rotated or deleted event's token is the same bare 404. */
    public void feed(Context ctx) {
        Event event = links.eventOf(ctx.pathParam("token")).flatMap(events::findLive)
                .orElseThrow(() -> new dev.lanyard.server.errors.NotFoundException("calendar"));
        CalendarLink link = links.linkFor(event.id());
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(EventCalendar.MEDIA_TYPE).result(EventCalendar.icsFor(event, link.calendarUrl()));
    }

    /** {@code POST /api/v1/events/{id}/calendar-token}: a new link; the old one answers 404 from now on. */
    public void rotate(Context ctx) {
        Event event = guard.manageable(ctx);
        ctx.json(links.rotate(event.id()));
    }
}
