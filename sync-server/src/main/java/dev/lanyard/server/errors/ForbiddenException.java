package dev.lanyard.server.errors;

/** The caller is known but may not do this; mapped to 403 {@code forbidden}. */
public final class ForbiddenException extends DomainException {
    private static final long serialVersionUID = 1L;

    public ForbiddenException(String message) {
        super("forbidden", message);
    }
}
