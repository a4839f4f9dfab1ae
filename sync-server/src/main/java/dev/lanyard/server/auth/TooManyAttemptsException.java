package dev.lanyard.server.auth;

import java.time.Duration;

/** An attempt refused unheard because earlier ones failed too often; {@link #retryAfter()} says when to come back. */
public final class TooManyAttemptsException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Duration retryAfter;

    public TooManyAttemptsException(String what, Duration retryAfter) {
        super("too many failed " + what + " attempts; try again in " + seconds(retryAfter) + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, rounded up: a client told "0" would come back too early and be refused again. */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
