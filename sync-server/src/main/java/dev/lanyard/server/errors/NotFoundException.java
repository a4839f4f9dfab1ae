package dev.lanyard.server.errors;

/** The thing a request names does not exist (or is deleted); mapped to 404 {@code not_found}. */
public final class NotFoundException extends DomainException {
    private static final long serialVersionUID = 1L;

    /** @param what what was looked for, e.g. {@code "participant"}; the message reads "participant not found". */
    public NotFoundException(String what) {
        super("not_found", what + " not found");
    }
}
