package dev.lanyard.kiosk.core.sync;

/** A sync call that did not get a usable answer, classified by what the caller should do about it. */
public final class SyncException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** No answer at all (offline, refused, timed out): retry with backoff. */
        NETWORK,
        /** 5xx, 429, or an answer that could not be read: retry with backoff. */
        SERVER,
        /** 401/403: the device token was revoked or is wrong; retry, but staff must act. */
        UNAUTHORIZED,
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
    private final transient java.time.Duration retryAfter;

    public SyncException(Kind kind, int status, String message, Throwable cause) {
        this(kind, status, message, cause, null);
    }

    public SyncException(Kind kind, int status, String message, Throwable cause, java.time.Duration retryAfter) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** How long the server asked us to wait (a 429's Retry-After), or null when it did not say. */
    public java.time.Duration retryAfter() {
        return retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }
}
