package dev.lanyard.server.errors;

/** The request's content is not acceptable; mapped to 400 with {@code invalid_request} or a more precise code. */
public final class InvalidInputException extends DomainException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        this("invalid_request", message);
    }

    /** For a refusal a client tells apart from other bad input, e.g. {@code invalid_pairing_code}. */
    public InvalidInputException(String code, String message) {
        super(code, message);
    }
}
