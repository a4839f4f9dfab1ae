package dev.lanyard.model.protocol;

import java.util.UUID;

/**
 * The answer for one pushed item, keyed by its id ({@code opId} for check-in ops, and the
 * patch, drawing or attempt id for the others). A retried batch gets identical answers: a
 * duplicate carries the seq it was first accepted at.
 */
public record OpResult(UUID opId, OpStatus status, Long seq, String reason) {
    public static OpResult accepted(UUID id, long seq) {
        return new OpResult(id, OpStatus.ACCEPTED, seq, null);
    }

    public static OpResult duplicate(UUID id, long seq) {
        return new OpResult(id, OpStatus.DUPLICATE, seq, null);
    }

    public static OpResult rejected(UUID id, String reason) {
        return new OpResult(id, OpStatus.REJECTED, null, reason);
    }
}
