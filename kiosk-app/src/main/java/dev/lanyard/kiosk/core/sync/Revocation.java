package dev.lanyard.kiosk.core.sync;

/**
 * Told when the server says this device was revoked by the host (HTTP 401 or a WebSocket error
 * with the code {@value #CODE}); the kiosk then erases its replica (ADR 0315). Any other refusal,
 * a plain 401 included, never reaches it.
 */
@FunctionalInterface
public interface Revocation {
    /** The server's error code for a revoked device, on HTTP and on the WebSocket. */
    String CODE = "device_revoked";
    Revocation IGNORED = message -> { };

    /** Called on whichever sync thread saw the answer; must return at once (hand the work to another thread). */
    void revoked(String serverMessage);
}
