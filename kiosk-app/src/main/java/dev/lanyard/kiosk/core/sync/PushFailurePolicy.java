package dev.lanyard.kiosk.core.sync;

import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.model.protocol.OpStatus;
import java.time.Duration;

/**
 * What the outbox does about each way a push can fail: the one table {@link OutboxSender}
 * follows. An item becomes a dead letter only when it can never be accepted as it is (the
 * server named it invalid, or it alone is malformed or too large); everything that is the
 * network's, the server's, the clock's, the pairing's or the server's version's fault keeps the item and tries
 * again.
 */
public enum PushFailurePolicy {
    /** No answer (offline, refused, timed out). */
    NETWORK(Action.BACK_OFF),
    /** 5xx or an answer that could not be read: the server's trouble, not the items'. */
    SERVER_ERROR(Action.BACK_OFF),
    /** 429: back off, and at least as long as the server's Retry-After. */
    RATE_LIMITED(Action.BACK_OFF),
    /**
     * 401/403 for any reason but a revocation (a token the server does not know, its clock): the items are fine, staff
     * must act.
     */
    UNAUTHORIZED(Action.BACK_OFF),
    /**
     * 401 device_revoked: the host revoked this device; keep everything while the kiosk erases its replica (ADR 0315).
     */
    REVOKED(Action.BACK_OFF),
    /** 404: an event the server does not have (yet: it may still be being created or restored). */
    EVENT_NOT_FOUND(Action.BACK_OFF),
    /** The server's certificate is not the pinned one: never send, never drop; staff must act. */
    CERTIFICATE_MISMATCH(Action.BACK_OFF),
    /** 413 for several items: halve the batch. */
    BATCH_TOO_LARGE(Action.SPLIT),
    /** 413 for one item: no batch can carry it (once a push without it is taken: the server takes pushes). */
    ITEM_TOO_LARGE(Action.DEAD_LETTER),
    /** 400/422 for several items: halve until the bad one is alone. */
    BATCH_MALFORMED(Action.SPLIT),
    /**
     * 400/422 for one item: the item itself is malformed, once a push without it is taken; a second item refused so
     * before that says the server refuses every push, and everything is kept (backoff).
     */
    ITEM_MALFORMED(Action.DEAD_LETTER),
    /** An item answered {@code rejected} for what it says (a day that is not an event day, ...): its own fault. */
    ITEM_REJECTED(Action.DEAD_LETTER),
    /** An item answered {@code clock_ahead}: our clock was wrong, not the item; re-stamp it and send it again. */
    ITEM_CLOCK_AHEAD(Action.RESTAMP),
    /**
     * An item answered {@code not_understood}: it names a value the server's version does not know (this door is
     * newer); keep it and send it again at the next reconnect, when the server may have been updated (ADR 0336).
     */
    ITEM_NOT_UNDERSTOOD(Action.HOLD);

    public enum Action {
        /** Keep everything, end the flush, wait (exponential backoff with jitter) and try again. */
        BACK_OFF,
        /** Send the same items again in halves. */
        SPLIT,
        /** Move the item to the dead letters with the reason. */
        DEAD_LETTER,
        /** Stamp the item anew from the corrected clock and keep it in the outbox for the next send. */
        RESTAMP,
        /** Keep the item in the outbox, not sent again until the door reconnects. */
        HOLD
    }

    private final Action action;

    PushFailurePolicy(Action action) {
        this.action = action;
    }

    public Action action() {
        return action;
    }

    /** A whole push that got no usable answer, for a batch of {@code batchSize} items. */
    public static PushFailurePolicy of(SyncException e, int batchSize) {
        return switch (e.kind()) {
            case NETWORK -> NETWORK;
            case SERVER -> SERVER_ERROR;
            case RATE_LIMITED -> RATE_LIMITED;
            case UNAUTHORIZED -> UNAUTHORIZED;
            case REVOKED -> REVOKED;
            case NOT_FOUND -> EVENT_NOT_FOUND;
            case CERTIFICATE -> CERTIFICATE_MISMATCH;
            case TOO_LARGE -> batchSize > 1 ? BATCH_TOO_LARGE : ITEM_TOO_LARGE;
            case BAD_REQUEST -> batchSize > 1 ? BATCH_MALFORMED : ITEM_MALFORMED;
        };
    }

    /** An item's own answer; null when the item was taken (accepted or duplicate). */
    public static PushFailurePolicy of(OpResult answer) {
        if (answer.status() != OpStatus.REJECTED) {
            return null;
        }
        if (answer.refusedForClock()) {
            return ITEM_CLOCK_AHEAD;
        }
        return answer.notUnderstood() ? ITEM_NOT_UNDERSTOOD : ITEM_REJECTED;
    }

    /** The longest Retry-After the outbox waits out: a door holding its check-ins longer is a door the room lacks. */
    public static final Duration MOST_ASKED_WAIT = Duration.ofMinutes(5);

    /**
     * How long to wait after the {@code failures}-th failure in a row: the backoff, but never less than a busy (429) or
     * unavailable (503) server asked, up to {@link #MOST_ASKED_WAIT}. Any other answer's Retry-After (a proxy's error
     * page, say) is not the server's schedule and is not waited for.
     */
    public static Duration waitBefore(Backoff backoff, int failures, SyncException e) {
        Duration delay = backoff.delay(failures);
        boolean mayAsk = e != null && (e.status() == 429 || e.status() == 503);
        Duration asked = mayAsk ? e.retryAfter() : null;
        if (asked == null) {
            return delay;
        }
        Duration bounded = asked.compareTo(MOST_ASKED_WAIT) > 0 ? MOST_ASKED_WAIT : asked;
        return bounded.compareTo(delay) > 0 ? bounded : delay;
    }
}
