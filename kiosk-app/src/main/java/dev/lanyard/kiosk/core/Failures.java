package dev.lanyard.kiosk.core;

import java.util.concurrent.CompletionException;

/** What went wrong in a door operation, as a screen or the command line tells it. */
public final class Failures {
    private Failures() {
    }

    /** The failure itself: a future that failed hands it over wrapped in a {@link CompletionException}. */
    public static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** The failure's message, or its type when it has none. */
    public static String reason(Throwable error) {
        Throwable cause = cause(error);
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
