package dev.lanyard.model.protocol;

import java.util.UUID;

/**
 * The answer for one pushed item, keyed by its id ({@code opId} for check-in ops, and the
 * patch, drawing or attempt id for the others). A retried batch gets identical answers: a
 * duplicate carries the seq it was first accepted at.
 *
 * @param serverTime the server's wall clock (epoch ms) when it refused the item for its clock
 *                   ({@link #CLOCK_AHEAD}); absent otherwise
 */
public record OpResult(UUID opId, OpStatus status, Long seq, String reason, Long serverTime) {
    /**
     * The reason of an item whose stamp lies further ahead of the server's clock than the
     * allowed drift. Not the item's fault: the device re-stamps it and sends it again.
     */
    public static final String CLOCK_AHEAD = "clock_ahead";

    /**
     * The start of the reason of an item that names a value this server's version does not know (a newer door's):
     * not the item's fault; the door keeps it and sends it again after the server is updated (ADR 0336).
     */
    public static final String NOT_UNDERSTOOD = "not_understood";

    public static OpResult accepted(UUID id, long seq) {
        return new OpResult(id, OpStatus.ACCEPTED, seq, null, null);
    }

    public static OpResult duplicate(UUID id, long seq) {
        return new OpResult(id, OpStatus.DUPLICATE, seq, null, null);
    }

    public static OpResult rejected(UUID id, String reason) {
        return new OpResult(id, OpStatus.REJECTED, null, reason, null);
    }

    public static OpResult clockAhead(UUID id, long serverTime) {
        return new OpResult(id, OpStatus.REJECTED, null, CLOCK_AHEAD, serverTime);
    }

    /** @param detail what this version did not know */
    public static OpResult notUnderstood(UUID id, String detail) {
        return new OpResult(id, OpStatus.REJECTED, null, NOT_UNDERSTOOD + ": " + detail, null);
    }

    public boolean notUnderstood() {
        return status == OpStatus.REJECTED && reason != null && reason.startsWith(NOT_UNDERSTOOD);
    }

    public boolean refusedForClock() {
        return status == OpStatus.REJECTED && CLOCK_AHEAD.equals(reason);
    }
}
