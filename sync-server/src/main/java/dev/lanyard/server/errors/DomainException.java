package dev.lanyard.server.errors;

/**
 * An error a service reports in its own words: a stable {@link #code()} a client may branch on and a
 * message for people. Services throw the subclasses; only {@code http.AppFactory} turns them into HTTP
 * statuses and JSON error bodies, so no package but {@code http} needs to know about HTTP (ADR 0229).
 * Sealed: a new kind of error needs its status in AppFactory first.
 */
public abstract sealed class DomainException extends RuntimeException
        permits NotFoundException, ForbiddenException, ConflictException, InvalidInputException {
    private static final long serialVersionUID = 1L;
    private final String code;

    protected DomainException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** A short snake_case word such as {@code not_found}, sent to clients as the error code. */
    public String code() {
        return code;
    }
}
