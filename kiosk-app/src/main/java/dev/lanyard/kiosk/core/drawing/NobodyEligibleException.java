package dev.lanyard.kiosk.core.drawing;

/** A drawing found nobody in its pool: said as such, unlike a replica that failed under it (also a state error). */
public final class NobodyEligibleException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public NobodyEligibleException() {
        super("nobody is eligible for this drawing");
    }
}
