package dev.lanyard.server.feed;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** In-process fan-out: enough when one server owns the database (H2). */
public class LocalChangeHub implements ChangeHub {
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(UUID eventId, long lastSeq) {
        deliver(eventId, lastSeq);
    }

    @Override
    public void publishLive(UUID eventId, long[] seqs) {
        deliverLive(eventId, seqs);
    }

    @Override
    public void publishRevocation(UUID deviceId) {
        deliverRevocation(deviceId);
    }

    @Override
    public void publishSessionsEnded(String username) {
        deliverSessionsEnded(username);
    }

    @Override
    public void publishAccessChanged(String username) {
        deliverAccessChanged(username);
    }

    @Override
    public void publishAllSessionsEnded() {
        deliverRecheck();
    }

    protected final void deliverSessionsEnded(String username) {
        for (Listener listener : listeners) {
            listener.sessionsEnded(username);
        }
    }

    protected final void deliverAccessChanged(String username) {
        for (Listener listener : listeners) {
            listener.accessChanged(username);
        }
    }

    protected final void deliverRecheck() {
        for (Listener listener : listeners) {
            listener.recheckAll();
        }
    }

    protected final void deliver(UUID eventId, long lastSeq) {
        for (Listener listener : listeners) {
            listener.changesCommitted(eventId, lastSeq);
        }
    }

    protected final void deliverLive(UUID eventId, long[] seqs) {
        for (Listener listener : listeners) {
            listener.liveCommitted(eventId, seqs);
        }
    }

    protected final void deliverRevocation(UUID deviceId) {
        for (Listener listener : listeners) {
            listener.deviceRevoked(deviceId);
        }
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
