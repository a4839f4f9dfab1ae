package dev.lanyard.server.email;

import dev.lanyard.model.Event;
import java.time.Instant;
import java.time.ZonedDateTime;

/**
 * When the timed kinds are due, in the event's own time zone: the day-before reminder at the
 * start's local time one calendar day earlier (so a daylight-saving change in between does not
 * move it), the notice three hours before the start, the thank-you at the end of the last day.
 */
public final class EmailSchedule {
    private EmailSchedule() {
    }

    public static ZonedDateTime start(Event event, EmailSettings settings) {
        return event.days().get(0).atTime(settings.startsAt()).atZone(event.timezone());
    }

    public static ZonedDateTime end(Event event, EmailSettings settings) {
        return event.days().get(event.days().size() - 1).atTime(settings.endsAt()).atZone(event.timezone());
    }

    /** When a kind is due for a participant known now; confirmations and deletion notices at once. */
    public static Instant due(EmailKind kind, Event event, EmailSettings settings, Instant now) {
        return switch (kind) {
            case DAY_BEFORE -> start(event, settings).minusDays(1).toInstant();
            case THREE_HOURS_BEFORE -> start(event, settings).minusHours(3).toInstant();
            case THANKS -> end(event, settings).toInstant();
            case CONFIRMATION, DELETION_CONFIRMED -> now;
        };
    }

    /**
     * Whether a timed kind still makes sense for someone registering now: a day-before reminder
     * once the day before has passed, or a thank-you for an event that ended, would only confuse.
     */
    public static boolean stillAhead(EmailKind kind, Event event, EmailSettings settings, Instant now) {
        return !kind.isScheduled() || due(kind, event, settings, now).isAfter(now);
    }
}
