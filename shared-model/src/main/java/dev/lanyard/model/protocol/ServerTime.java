package dev.lanyard.model.protocol;

/**
 * Every answer of the sync server carries its wall clock, so a device learns how far its own
 * clock is off on every contact (not only when an item is refused).
 */
public final class ServerTime {
    /** Response header: the server's wall clock in epoch milliseconds when it answered. */
    public static final String HEADER = "Lanyard-Server-Time";

    private ServerTime() {
    }
}
