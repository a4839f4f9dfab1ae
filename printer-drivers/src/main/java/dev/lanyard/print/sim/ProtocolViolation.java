package dev.lanyard.print.sim;

import dev.lanyard.print.brother.BrotherError;

/**
 * Thrown inside a simulator session when the host sent what a real printer would reject.
 * {@code brotherError} is the bit a QL reports for it: "replace media" for a media mismatch (as
 * documented), "communication error" for malformed data (our choice: Brother documents only that
 * the LED blinks).
 */
final class ProtocolViolation extends Exception {
    private final BrotherError brotherError;
    private final boolean physical;

    ProtocolViolation(String message) {
        this(message, BrotherError.COMMUNICATION_ERROR);
    }

    ProtocolViolation(String message, BrotherError brotherError) {
        this(message, brotherError, false);
    }

    /** {@code physical}: an injected fault stopped the page, the host did nothing wrong. */
    ProtocolViolation(String message, BrotherError brotherError, boolean physical) {
        super(message);
        this.brotherError = brotherError;
        this.physical = physical;
    }

    boolean physical() {
        return physical;
    }

    BrotherError brotherError() {
        return brotherError;
    }
}
