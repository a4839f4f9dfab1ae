package dev.lanyard.kiosk.core.sync;

import dev.lanyard.kiosk.core.syncstatus.SyncStatus;
import dev.lanyard.kiosk.core.syncstatus.SyncStatusListener;
import dev.lanyard.kiosk.core.store.DeadLetterStore;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.Replica;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the sync status current and tells listeners when it changes. */
public final class SyncStatusTracker {
    private static final Logger LOG = LoggerFactory.getLogger(SyncStatusTracker.class);
    private final Replica replica;
    private final Clock clock;
    private final List<SyncStatusListener> listeners = new CopyOnWriteArrayList<>();
    private SyncStatus status = new SyncStatus(false, 0, 0, 0, null, 0, false, null);

    public SyncStatusTracker(Replica replica, Clock clock) {
        this.replica = replica;
        this.clock = clock;
    }

    public void addListener(SyncStatusListener listener) {
        listeners.add(listener);
    }

    public void removeListener(SyncStatusListener listener) {
        listeners.remove(listener);
    }

    public synchronized SyncStatus current() {
        return status;
    }

    public void online(boolean online) {
        update(s -> new SyncStatus(online, s.pendingItems(), s.pendingOps(), s.deadLetters(), s.lastSyncAt(),
                s.consecutiveFailures(),
                s.alert(), s.lastError(), s.clockOffsetMs()));
    }

    /** The offset between the server's clock and this laptop's, as just learned. */
    public void clockOffset(long offsetMs) {
        update(s -> new SyncStatus(s.online(), s.pendingItems(), s.pendingOps(), s.deadLetters(), s.lastSyncAt(),
                s.consecutiveFailures(),
                s.alert(), s.lastError(), offsetMs));
    }

    public void succeeded() {
        Instant now = clock.instant();
        update(s -> new SyncStatus(s.online(), s.pendingItems(), s.pendingOps(), s.deadLetters(), now, 0, false, null,
                s.clockOffsetMs()));
    }

    public void failed(String error) {
        update(s -> {
            int failures = s.consecutiveFailures() + 1;
            return new SyncStatus(s.online(), s.pendingItems(), s.pendingOps(), s.deadLetters(), s.lastSyncAt(),
                    failures,
                    failures >= SyncStatus.ALERT_AFTER_FAILURES, error, s.clockOffsetMs());
        });
    }

    /** Re-reads the outbox and dead-letter counts from the replica. */
    public void refreshCounts() {
        int[] counts = replica.write(tx -> new int[] {OutboxStore.count(tx),
                OutboxStore.count(tx, OutboxStore.Kind.OP), DeadLetterStore.count(tx)});
        update(s -> new SyncStatus(s.online(), counts[0], counts[1], counts[2], s.lastSyncAt(),
                s.consecutiveFailures(), s.alert(),
                s.lastError(), s.clockOffsetMs()));
    }

    private void update(java.util.function.UnaryOperator<SyncStatus> change) {
        SyncStatus next;
        synchronized (this) {
            next = change.apply(status);
            if (Objects.equals(next, status)) {
                return;
            }
            status = next;
        }
        for (SyncStatusListener listener : listeners) {
            try {
                listener.onStatus(next);
            } catch (RuntimeException e) {
                LOG.warn("sync status listener failed", e);
            }
        }
    }
}
