package dev.lanyard.model.json;

/** A JSON document that does not match the contract; the message names the offending field. */
public final class InvalidMessageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
