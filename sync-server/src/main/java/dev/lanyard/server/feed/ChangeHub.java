package dev.lanyard.server.feed;

import java.util.UUID;

/**
 * Tells the realtime layer that changes committed. It carries only the event id and the last
 * seq: subscribers read the data from the change table, so a lost or doubled signal can delay a
 * delivery but never corrupt or reorder one.
 */
public interface ChangeHub extends AutoCloseable {
    interface Listener {
        void changesCommitted(UUID eventId, long lastSeq);

        void deviceRevoked(UUID deviceId);
    }

    /** Call after the transaction that wrote the changes committed. */
    void publish(UUID eventId, long lastSeq);

    void publishRevocation(UUID deviceId);

    void addListener(Listener listener);

    @Override
    void close();
}
