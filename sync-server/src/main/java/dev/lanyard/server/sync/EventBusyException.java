package dev.lanyard.server.sync;

import java.time.Duration;

/**
 * An event's write queue already holds as much as it may: the batch was not written and can be
 * sent again after {@link #retryAfter()}. Refusing keeps a door's wait bounded; queueing without
 * a bound would let every push wait longer than the kiosk's timeout, and then be sent again.
 */
public final class EventBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** About the time a full queue takes to be written on a venue laptop. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    EventBusyException(int waitingItems) {
        super("the event's write queue holds " + waitingItems + " items; send again in " + RETRY_AFTER.toSeconds()
                + " s");
    }

    public Duration retryAfter() {
        return RETRY_AFTER;
    }
}
