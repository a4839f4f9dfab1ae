package dev.lanyard.model;

/**
 * A wire value this version does not know, such as a check-in action or a change type a newer peer added. Told
 * apart from a value that is wrong in itself so that a peer of another version is not treated as a bad one
 * (ADR 0336).
 */
public final class UnknownWireValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnknownWireValueException(String message) {
        super(message);
    }
}
