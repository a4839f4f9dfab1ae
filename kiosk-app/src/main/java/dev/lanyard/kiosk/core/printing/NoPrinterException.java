package dev.lanyard.kiosk.core.printing;

/**
 * Asked to print with no printer set up. An {@link IllegalStateException} like the replica's own failures, so callers
 * that tell "no printer" from "the badge could not be queued" catch this one first.
 */
public final class NoPrinterException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public NoPrinterException() {
        super("no printer is set up");
    }
}
