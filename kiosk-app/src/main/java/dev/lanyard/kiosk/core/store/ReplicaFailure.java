package dev.lanyard.kiosk.core.store;

/**
 * The replica could not be read or written: its commit or a statement failed, its disk refused a force, or it is
 * closed. Not the caller's input's fault; a door that meets it cannot record scans until it is opened again.
 */
public final class ReplicaFailure extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ReplicaFailure(String message) {
        super(message);
    }

    public ReplicaFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
