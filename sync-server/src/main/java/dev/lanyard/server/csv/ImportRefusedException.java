package dev.lanyard.server.csv;

/** A file that cannot be imported at all (no header, no name column, not a known encoding); nothing of it was written. */
public final class ImportRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;

    ImportRefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The error code of the API's answer (400). */
    public String code() {
        return code;
    }
}
