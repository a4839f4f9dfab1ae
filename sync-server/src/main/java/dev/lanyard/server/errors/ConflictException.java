package dev.lanyard.server.errors;

/** The request contradicts the current state (a name taken, the last admin); mapped to 409 {@code conflict}. */
public final class ConflictException extends DomainException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super("conflict", message);
    }
}
