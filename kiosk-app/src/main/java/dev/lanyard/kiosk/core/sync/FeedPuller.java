package dev.lanyard.kiosk.core.sync;

import dev.lanyard.kiosk.core.BootstrapListener;
import dev.lanyard.kiosk.core.BootstrapProgress;
import dev.lanyard.kiosk.core.store.EventStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.model.protocol.ChangesPage;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pulls an event's change feed from the position held until the server has nothing more,
 * one page per transaction. A bootstrap is the same pull from 0: interrupted, it resumes from
 * the last page applied. One pull per event at a time.
 */
public final class FeedPuller {
    private final Replica replica;
    private final ServerApi api;
    private final ChangeApplier applier;
    private final SyncStatusTracker status;
    private final int pageSize;
    private final Map<UUID, ReentrantLock> locks = new ConcurrentHashMap<>();

    public FeedPuller(Replica replica, ServerApi api, ChangeApplier applier, SyncStatusTracker status, int pageSize) {
        this.replica = replica;
        this.api = api;
        this.applier = applier;
        this.status = status;
        this.pageSize = pageSize;
    }

    /** @return how many changes were applied */
    public long pull(UUID eventId) throws SyncException {
        return pull(eventId, null);
    }

    /**
     * Pulls until idle, telling {@code progress} (if given) after each page. The total is found
     * first with a few one-entry probes of the feed (the feed has no count).
     */
    public long pull(UUID eventId, BootstrapListener progress) throws SyncException {
        ReentrantLock lock = locks.computeIfAbsent(eventId, id -> new ReentrantLock());
        lock.lock();
        try {
            long start = replica.write(tx -> EventStore.lastSeq(tx, eventId));
            long total = progress == null ? 0 : head(eventId, start) - start;
            long position = start;
            long applied = 0;
            try {
                while (true) {
                    ChangesPage page = api.changes(eventId, position, pageSize);
                    ChangeApplier.Applied result = applier.apply(eventId, page.changes(), false);
                    applied += result.applied();
                    position = result.lastSeq();
                    if (progress != null) {
                        progress.onProgress(new BootstrapProgress(eventId, position - start, Math.max(total, position - start), false));
                    }
                    if (!page.hasMore() || page.changes().isEmpty()) {
                        break;
                    }
                }
            } catch (SyncException e) {
                status.failed(e.getMessage());
                throw e;
            }
            replica.write(tx -> {
                EventStore.markBootstrapped(tx, eventId);
                return null;
            });
            status.succeeded();
            if (progress != null) {
                progress.onProgress(new BootstrapProgress(eventId, position - start, Math.max(total, position - start), true));
            }
            return applied;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether the server's feed ends before the position held here: a server restored from a
     * backup, or one that lost its last commits in a crash, numbers new changes with seqs this
     * kiosk already applied. Then the kiosk re-reads the feed from the start (applying is
     * idempotent), so it misses nothing.
     *
     * @return whether the position had to be rewound
     */
    public boolean rewindIfServerBehind(UUID eventId) throws SyncException {
        long position = replica.write(tx -> EventStore.lastSeq(tx, eventId));
        if (position == 0 || !isEmptyAfter(eventId, position - 1)) {
            return false;
        }
        org.slf4j.LoggerFactory.getLogger(FeedPuller.class)
                .warn("the server's feed of event {} ends before seq {} held here; reading it again from the start", eventId, position);
        replica.write(tx -> {
            EventStore.setLastSeq(tx, eventId, 0);
            return null;
        });
        pull(eventId);
        return true;
    }

    /** The feed's last seq: the smallest position after which the feed is empty (exponential, then binary search). */
    long head(UUID eventId, long from) throws SyncException {
        if (isEmptyAfter(eventId, from)) {
            return from;
        }
        long known = from;
        long step = 1;
        long probe = from + step;
        while (!isEmptyAfter(eventId, probe)) {
            known = probe;
            step *= 2;
            probe = from + step;
        }
        long low = known;
        long high = probe;
        // invariant: the feed has entries after low, none after high
        while (high - low > 1) {
            long mid = low + (high - low) / 2;
            if (isEmptyAfter(eventId, mid)) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return high;
    }

    private boolean isEmptyAfter(UUID eventId, long position) throws SyncException {
        return api.changes(eventId, position, 1).changes().isEmpty();
    }
}
