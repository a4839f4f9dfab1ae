package dev.lanyard.kiosk.core.sync;

import java.time.Duration;

/** A sync call that did not get a usable answer, classified by what the caller should do about it. */
public final class SyncException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** No answer at all (offline, refused, timed out): retry with backoff. */
        NETWORK,
        /** 5xx, or an answer that could not be read: retry with backoff. */
        SERVER,
        /** 429: the server is busy; retry with backoff, waiting at least its Retry-After. */
        RATE_LIMITED,
        /** 401/403: the device token is wrong or expired, or the server's clock says so; retry, but staff must act. */
        UNAUTHORIZED,
        /** 401 {@code device_revoked}: the host revoked this device; the kiosk erases its replica (ADR 0315). */
        REVOKED,
        /** 413: the batch is too large; split it. */
        TOO_LARGE,
        /** 400/422 for the whole request: something in it is wrong; split to find it. */
        BAD_REQUEST,
        /** 404: the event (or the route) is not on this server. */
        NOT_FOUND,
        /** The server's TLS certificate is not the pinned one: never retried silently. */
        CERTIFICATE
    }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;

    public SyncException(Kind kind, int status, String message, Throwable cause) {
        this(kind, status, message, cause, null);
    }

    public SyncException(Kind kind, int status, String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** How long the server asked us to wait before trying again (Retry-After), null when it did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** The answer ran past what the kiosk reads of one (ADR 0340): asking again at once gets the same. */
    public boolean answerTooLarge() {
        return getCause() instanceof AnswerLimit.Exceeded;
    }
}
