package dev.lanyard.server.report;

import java.time.Duration;

/** As many whole-event reads as the server runs at once are running ({@link WholeEventReads}); ask again later. */
public final class ReadsBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** About as long as a report of a large event takes on a venue laptop. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    ReadsBusyException(String what, int atOnce) {
        super("the server is making " + atOnce + " " + what + " already; ask again in " + RETRY_AFTER.toSeconds()
                + " s");
    }

    public Duration retryAfter() {
        return RETRY_AFTER;
    }
}
