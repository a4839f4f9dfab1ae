package dev.lanyard.kiosk.core.unlock;

/** The replica could not be opened with the secret given: wrong secret, or no secret at all. Nothing was changed. */
public class UnlockException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnlockException(String message) {
        super(message);
    }

    public UnlockException(String message, Throwable cause) {
        super(message, cause);
    }
}
