package dev.lanyard.server.email;

import dev.lanyard.model.Event;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;

/**
 * When the timed kinds are due, in the event's own time zone and from its hours (the hours its
 * calendar shows; an all-day event counts as 09:00 to 18:00): the day-before reminder at the
 * start's local time one calendar day earlier (so a daylight-saving change in between does not
 * move it), the notice three hours before the start, the thank-you at the end of the last day.
 */
public final class EmailSchedule {
    public static final LocalTime ALL_DAY_OPENS = LocalTime.of(9, 0);
    public static final LocalTime ALL_DAY_CLOSES = LocalTime.of(18, 0);

    private EmailSchedule() {
    }

    public static ZonedDateTime start(Event event, EmailSettings settings) {
        LocalTime opens = event.hours() == null ? ALL_DAY_OPENS : event.hours().opens();
        return event.days().get(0).atTime(opens).atZone(event.timezone());
    }

    public static ZonedDateTime end(Event event, EmailSettings settings) {
        LocalTime closes = event.hours() == null ? ALL_DAY_CLOSES : event.hours().closes();
        return event.days().get(event.days().size() - 1).atTime(closes).atZone(event.timezone());
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

    /** How long after the event's end a thank-you still goes out (a server down over the end sends it late). */
    public static final java.time.Duration THANKS_LATE_BY = java.time.Duration.ofDays(2);

    /**
     * Whether a timed kind waiting to be sent is past its use: a reminder once the event has started, a thank-you
     * {@link #THANKS_LATE_BY} after its end. A mail that could not go out in time (SMTP set up late, the server down)
     * is cancelled rather than sent then.
     */
    public static boolean tooLate(EmailKind kind, Event event, EmailSettings settings, Instant now) {
        return switch (kind) {
            case DAY_BEFORE, THREE_HOURS_BEFORE -> !now.isBefore(start(event, settings).toInstant());
            case THANKS -> now.isAfter(end(event, settings).toInstant().plus(THANKS_LATE_BY));
            case CONFIRMATION, DELETION_CONFIRMED -> false;
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
