package dev.lanyard.kiosk.core.sync;

import dev.lanyard.kiosk.core.bootstrap.BootstrapListener;
import dev.lanyard.kiosk.core.bootstrap.BootstrapProgress;
import dev.lanyard.kiosk.core.store.EventStore;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.kiosk.core.store.UnreadChangeStore;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls an event's change feed from the position held until the server has nothing more,
 * one server page per transaction (ADR 0338). A bootstrap is the same pull from 0: interrupted,
 * it resumes from the last page applied. One pull per event at a time.
 *
 * <p>A long pull is a pipeline: while the caller's thread applies page n, a fetch thread
 * downloads and parses page n+1 (and, for progress, finds where the feed ends). When the
 * replica holds no participant yet and the feed is longer than a page, the participant
 * lookup indexes are dropped for the load and built once at the end (ADR 0311): inserting
 * 100,000 rows into two random-keyed B-trees costs more than sorting them once.
 */
public final class FeedPuller {
    private static final Logger LOG = LoggerFactory.getLogger(FeedPuller.class);
    /** The first page is kept small so applying starts while the server is still reading the next, full one. */
    static final int FIRST_PAGE = 2_000;
    private final Replica replica;
    private final ServerApi api;
    private final ChangeApplier applier;
    private final SyncStatusTracker status;
    private final int pageSize;
    private final Map<UUID, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final String deviceId;
    private final Clock clock;
    private final Runnable outboxWake;

    public FeedPuller(Replica replica, ServerApi api, ChangeApplier applier, SyncStatusTracker status, int pageSize,
                      String deviceId, Clock clock, Runnable outboxWake) {
        this.replica = replica;
        this.api = api;
        this.applier = applier;
        this.status = status;
        this.pageSize = pageSize;
        this.deviceId = deviceId;
        this.clock = clock;
        this.outboxWake = outboxWake;
    }

    /** @return how many changes were applied */
    public long pull(UUID eventId) throws SyncException {
        return pull(eventId, null);
    }

    /**
     * Pulls until idle, telling {@code progress} (if given) after each page. The total is the
     * feed's end when the pull started: the first page's {@code headSeq}, or, from a server that
     * does not send it, found with one-entry probes of the feed on a thread of their own while the
     * first pages are fetched and applied.
     */
    public long pull(UUID eventId, BootstrapListener progress) throws SyncException {
        ReentrantLock lock = locks.computeIfAbsent(eventId, id -> new ReentrantLock());
        lock.lock();
        try {
            long start = replica.write(tx -> EventStore.lastSeq(tx, eventId));
            FeedPageReader.Page page;
            try {
                // from the entry at the position on (applying skips it): every pull checks that the server still has
                // the entry this door applied there, so no pull applies a feed refilled after a restore (ADR 0250)
                page = fetch(eventId, Math.max(0, start - 1), Math.min(pageSize, FIRST_PAGE));
            } catch (SyncException e) {
                status.failed(e.getMessage());
                throw e;
            }
            // a re-read after a restore (ADR 0313) that a failure or a crash interrupted: this pull finishes it
            boolean rewinding = replica.write(tx -> ServerRewind.pending(tx, eventId));
            if (start > 0 && !rewinding) {
                long heldAt = replica.write(tx -> EventStore.lastAt(tx, eventId));
                long serverAt = committedAt(page, start);
                if (lost(serverAt, heldAt)) {
                    return rewind(eventId, start, serverAt, heldAt);
                }
            }
            boolean more = page.hasMore() && !page.empty();
            CompletableFuture<Long> head = progress == null ? null
                    : !more ? CompletableFuture.completedFuture(page.lastSeq())
                    : page.headSeq() >= 0 ? CompletableFuture.completedFuture(page.headSeq())
                    : headAsync(eventId, page.lastSeq());
            boolean bulk = more && replica.write(ParticipantStore::none);
            Set<UUID> loaded = bulk ? new HashSet<>() : null;
            long applied = 0;
            long position = start;
            Prefetch prefetch = null;
            try {
                if (bulk) {
                    replica.write(tx -> {
                        ParticipantStore.dropLookupIndexes(tx);
                        return null;
                    });
                }
                int firstSize = page.entries().size() + page.unread().size();
                prefetch = more ? new Prefetch(eventId, page.lastSeq(), firstSize) : null;
                while (true) {
                    ChangeApplier.Applied result =
                            applier.applyEntries(eventId, page.entries(), page.unread(), false, loaded);
                    applied += result.applied();
                    position = Math.max(position, result.lastSeq());
                    if (head != null) {
                        // the probes ran alongside the first page; a failure there fails the pull like a page's would
                        progress.onProgress(progressOf(eventId, start, position, join(head), false));
                    }
                    if (prefetch == null || !page.hasMore() || page.empty()) {
                        break;
                    }
                    page = prefetch.next();
                }
            } catch (SyncException e) {
                status.failed(e.getMessage());
                throw e;
            } finally {
                if (prefetch != null) {
                    prefetch.stop();
                }
                if (bulk) {
                    replica.write(tx -> {
                        ParticipantStore.ensureLookupIndexes(tx);
                        return null;
                    });
                }
            }
            replica.write(tx -> {
                EventStore.markBootstrapped(tx, eventId);
                return null;
            });
            if (rewinding) {
                giveBack(eventId);
            }
            status.succeeded();
            if (head != null) {
                progress.onProgress(progressOf(eventId, start, position, join(head), true));
            }
            return applied;
        } finally {
            lock.unlock();
        }
    }

    /**
     * One page; a page that arrived cut off or unreadable is asked for once more before the pull
     * fails (seen once in some forty 100k bootstraps on a loaded machine, not reproduced since).
     */
    private FeedPageReader.Page fetch(UUID eventId, long after, int limit) throws SyncException {
        try {
            return api.changePage(eventId, after, limit);
        } catch (SyncException e) {
            boolean transientFailure = e.kind() == SyncException.Kind.NETWORK || e.kind() == SyncException.Kind.SERVER
                    && e.status() == 200 && !e.answerTooLarge();
            if (!transientFailure) {
                throw e;
            }
            LOG.warn("feed page of event {} after {} (limit {}) failed, asking once more: {}", eventId, after, limit,
                    e.getMessage());
            return api.changePage(eventId, after, limit);
        }
    }

    private static long join(CompletableFuture<Long> head) throws SyncException {
        try {
            return head.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof SyncException failure) {
                throw failure;
            }
            throw e;
        }
    }

    private static BootstrapProgress progressOf(UUID eventId, long start, long position, long head, boolean finished) {
        return new BootstrapProgress(eventId, position - start, Math.max(head, position) - start, finished);
    }

    /** {@link #head} on a thread of its own, so the probes overlap the pages. */
    private CompletableFuture<Long> headAsync(UUID eventId, long from) {
        CompletableFuture<Long> head = new CompletableFuture<>();
        Thread probe = new Thread(() -> {
            try {
                head.complete(head(eventId, from, pageSize));
            } catch (SyncException | RuntimeException e) {
                head.completeExceptionally(e);
            }
        }, "lanyard-feed-head");
        probe.setDaemon(true);
        probe.start();
        return head;
    }

    /**
     * Fetches the pages after {@code from} on its own thread, at most two ahead of the ones being
     * applied. Pages grow from the first one's size to the full page size (x4 each time), so the
     * first pages arrive quickly and the rest in few requests.
     */
    private final class Prefetch implements Runnable {
        private final UUID eventId;
        private final long from;
        private final int firstSize;
        private final BlockingQueue<Object> pages = new ArrayBlockingQueue<>(2);
        private final Thread thread;
        private volatile boolean stopped;

        Prefetch(UUID eventId, long from, int previousSize) {
            this.eventId = eventId;
            this.from = from;
            this.firstSize = previousSize;
            this.thread = new Thread(this, "lanyard-feed-fetch");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            try {
                long position = from;
                int size = firstSize;
                while (!stopped) {
                    size = (int) Math.min(pageSize, Math.max(1L, size) * 4);
                    FeedPageReader.Page page = fetch(eventId, position, size);
                    pages.put(page);
                    if (!page.hasMore() || page.empty()) {
                        return;
                    }
                    position = page.lastSeq();
                }
            } catch (SyncException | RuntimeException e) {
                try {
                    pages.put(e);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        FeedPageReader.Page next() throws SyncException {
            Object next;
            try {
                next = pages.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SyncException(SyncException.Kind.NETWORK, 0, "interrupted while waiting for a feed page", e);
            }
            if (next instanceof FeedPageReader.Page page) {
                return page;
            }
            if (next instanceof SyncException e) {
                throw e;
            }
            throw (RuntimeException) next;
        }

        void stop() {
            stopped = true;
            thread.interrupt();
        }
    }

    /**
     * Whether the server's feed ends before the position held here: a server restored from a
     * backup, or one that lost its last commits in a crash, numbers new changes with seqs this
     * kiosk already applied. Then the kiosk re-reads the feed from the start (applying is
     * idempotent), so it misses nothing, and sends back what the server lost (see
     * {@link ServerRewind}); a rewind a stopped kiosk left half done is finished here too.
     *
     * @return whether the position had to be rewound
     */
    public boolean rewindIfServerBehind(UUID eventId) throws SyncException {
        long position = replica.write(tx -> EventStore.lastSeq(tx, eventId));
        long heldAt = replica.write(tx -> EventStore.lastAt(tx, eventId));
        boolean unfinished = replica.write(tx -> ServerRewind.pending(tx, eventId));
        if (unfinished) {
            pull(eventId); // a pull finishes a pending re-read and gives back at its end
            return true;
        }
        if (position == 0) {
            return false;
        }
        long serverAt = committedAt(api.changePage(eventId, position - 1, 1), position);
        if (!lost(serverAt, heldAt)) {
            return false;
        }
        rewind(eventId, position, serverAt, heldAt);
        return true;
    }

    /** Whether the server's feed lost the entry at a door's position: none there, or one committed at another time. */
    private static boolean lost(long serverAt, long heldAt) {
        return serverAt == NO_ENTRY || serverAt > 0 && heldAt > 0 && serverAt != heldAt;
    }

    /** Reads the feed again from the start and gives back what the server lacks (ADR 0313); returns what it applied. */
    private long rewind(UUID eventId, long position, long serverAt, long heldAt) throws SyncException {
        LOG.warn("the server's feed of event {} {} seq {} held here: it lost changes (restored from a backup?);"
                + " reading it again from the start and sending back what it lacks", eventId,
                serverAt == NO_ENTRY ? "ends before"
                        : "has another entry (committed at " + serverAt + ", not " + heldAt + ") at", position);
        replica.write(tx -> {
            ServerRewind.forget(tx, eventId);
            return null;
        });
        // the pull reads the whole feed again and, at its end, gives back what the server lacks
        return pull(eventId);
    }

    /** Once the feed was read again to its end: what the server lacks goes back into the outbox. */
    private void giveBack(UUID eventId) {
        ServerRewind.GivenBack given = replica.write(tx ->
                ServerRewind.giveBack(tx, eventId, deviceId, clock.millis()));
        LOG.warn("event {}: {} check-in ops, {} participant patches and {} prize drawings the server lacked are queued"
                + " for it again", eventId, given.ops(), given.patches(), given.drawings());
        outboxWake.run();
    }

    /**
     * Reads the feed again from the first entry an earlier version of this kiosk could not read and this one can
     * (ADR 0335): for each type set aside, its first entry is fetched and tried. Applying is idempotent, so the
     * entries read before are met again without effect; those still unreadable are set aside again.
     *
     * @return whether the position was moved back
     */
    public boolean rereadWhatThisVersionReads(UUID eventId) throws SyncException {
        Map<String, Long> firstOfEachType = replica.write(tx -> UnreadChangeStore.firstOfEachType(tx, eventId));
        long from = Long.MAX_VALUE;
        for (long seq : firstOfEachType.values()) {
            FeedPageReader.Page page = api.changePage(eventId, seq - 1, 1);
            boolean stillUnread = !page.unread().isEmpty() && page.unread().get(0).seq() == seq;
            if (!stillUnread) {
                from = Math.min(from, seq);
            }
        }
        if (from == Long.MAX_VALUE) {
            return false;
        }
        long start = from;
        ReentrantLock lock = locks.computeIfAbsent(eventId, id -> new ReentrantLock());
        lock.lock();
        try {
            replica.write(tx -> {
                if (start - 1 < EventStore.lastSeq(tx, eventId)) {
                    EventStore.rewindTo(tx, eventId, start - 1);
                }
                UnreadChangeStore.forgetFrom(tx, eventId, start);
                return null;
            });
            LOG.warn("event {}: this version reads changes from seq {} on that an earlier one could not; reading the"
                    + " feed again from there", eventId, start);
            pull(eventId);
        } finally {
            lock.unlock();
        }
        return true;
    }

    /**
     * Puts back to be sent each push the server acknowledged but whose seqs its feed no longer reaches: it lost
     * them after answering (restored from an older backup, or, once in CI, a server killed mid-storm; that cause is
     * not pinned down). The feed passing such a seq with something
     * else shows the loss too ({@code OutboxStore.expireUnconfirmed}), but when nothing comes after, only this
     * check does; a door that pushes before it subscribes (ADR 0333) has never seen those seqs.
     *
     * @return how many outbox rows went back
     */
    public int resendWhatTheServerLost(UUID eventId) throws SyncException {
        Map<Long, Long> pushes = replica.write(tx -> OutboxStore.acknowledgedPushes(tx, eventId));
        int back = 0;
        for (Map.Entry<Long, Long> push : pushes.entrySet()) {
            if (!isEmptyAfter(eventId, push.getValue() - 1)) {
                break; // the feed reaches this push's seqs, so it reaches every earlier push's too
            }
            back += replica.write(tx -> OutboxStore.unacknowledge(tx, push.getKey()));
        }
        if (back > 0) {
            LOG.warn("event {}: the server's feed ends before pushes it acknowledged; {} items are sent again", eventId,
                    back);
            outboxWake.run();
        }
        return back;
    }

    /**
     * The feed's last seq, knowing it is beyond {@code from}: the smallest position after which
     * the feed is empty. Galloping in steps of {@code step} and then halving keeps the probes
     * near the end of the feed, where the server answers them fastest.
     */
    long head(UUID eventId, long from, long step) throws SyncException {
        if (isEmptyAfter(eventId, from)) {
            return from;
        }
        long known = from;
        long probe = from + step;
        while (!isEmptyAfter(eventId, probe)) {
            known = probe;
            step *= 2;
            probe = known + step;
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
        return api.changePage(eventId, position, 1).empty();
    }

    private static final long NO_ENTRY = -1;

    /**
     * When the server committed its feed entry at {@code seq}, by its clock, as {@code page} (read from the entry
     * before it) says: 0 when it does not say, {@link #NO_ENTRY} when the feed has none there. A feed restored from a
     * backup that other doors refilled past this door's position has an entry there again, but one committed after
     * the restore, not the one this door applied (ADR 0250).
     */
    private static long committedAt(FeedPageReader.Page page, long seq) {
        for (FeedEntry entry : page.entries()) {
            if (entry.seq() == seq) {
                return entry.at();
            }
        }
        for (FeedPageReader.Unread entry : page.unread()) {
            if (entry.seq() == seq) {
                return entry.at();
            }
        }
        return NO_ENTRY;
    }
}
