package dev.lanyard.server.http;

/**
 * An HTTP-level error (no or a bad token, a body too large), reported as
 * {@code {"error": code, "message": message}} with an HTTP status.
 * Services throw {@link dev.lanyard.server.errors.DomainException}s instead; this one stays inside {@code http}.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message);
    }

    public static ApiException tooLarge(String message) {
        return new ApiException(413, "too_large", message);
    }
}
