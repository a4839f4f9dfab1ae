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

    public boolean refusedForClock() {
        return status == OpStatus.REJECTED && CLOCK_AHEAD.equals(reason);
    }
}
