package dev.lanyard.kiosk.core.sync;

import dev.lanyard.kiosk.core.bootstrap.BootstrapListener;
import dev.lanyard.kiosk.core.store.EventStore;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.model.Event;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties the sync parts together: the realtime client's pushes are applied in order (a gap in
 * seqs is filled by pulling), a reconnect flushes the outbox at once and subscribes when that is
 * done, the feed is pulled every {@link #PULL_WHILE_OFFLINE} while the realtime socket is down,
 * and {@link #syncUntilIdle} does a whole push-and-pull round for the CLI.
 */
public final class SyncEngine implements RealtimeClient.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);
    /**
     * The desk otherwise pulls only on connect and on a seq gap: a door whose realtime socket is
     * down (a proxy that breaks WebSockets, a certificate it rejects) would stop seeing the other
     * doors while its HTTP still works. Often enough that a desk is never long behind, rare
     * enough that a room of offline kiosks does not load the server.
     */
    public static final Duration PULL_WHILE_OFFLINE = Duration.ofSeconds(20);
    /**
     * The longest a reconnected door sends its own changes before it asks for the other doors' (ADR 0333): a door
     * pushing a long outbox over a slow link still starts seeing the room within this.
     */
    static final Duration PUSH_FIRST_AT_MOST = Duration.ofSeconds(30);
    private final Replica replica;
    private final ChangeApplier applier;
    private final FeedPuller puller;
    private final OutboxSender outbox;
    private final SyncStatusTracker status;
    private final ScheduledExecutorService scheduler;
    private final Duration pullWhileOffline;
    private RealtimeClient realtime;
    private RealtimeClient live;
    private ScheduledFuture<?> offlinePulls;

    /**
     * @param scheduler        the realtime client's: pulls while offline are then never applied
     *                         between the changes of one pushed batch
     * @param pullWhileOffline see {@link #PULL_WHILE_OFFLINE}
     */
    public SyncEngine(Replica replica, ChangeApplier applier, FeedPuller puller, OutboxSender outbox,
                      SyncStatusTracker status,
                      ScheduledExecutorService scheduler, Duration pullWhileOffline) {
        this.replica = replica;
        this.applier = applier;
        this.puller = puller;
        this.outbox = outbox;
        this.status = status;
        this.scheduler = scheduler;
        this.pullWhileOffline = pullWhileOffline;
    }

    /** Attached after construction: the client needs this engine as its handler. */
    public void attach(RealtimeClient client) {
        this.realtime = client;
    }

    /** The live socket beside the feed's (ADR 0236), started and stopped with it. */
    public void attachLive(RealtimeClient client) {
        this.live = client;
    }

    public synchronized void start() {
        status.refreshCounts();
        if (realtime != null) {
            realtime.start();
        }
        if (live != null) {
            live.start();
        }
        outbox.start();
        if (offlinePulls == null) {
            long period = pullWhileOffline.toMillis();
            offlinePulls = scheduler.scheduleWithFixedDelay(this::pullIfOffline, period, period, TimeUnit.MILLISECONDS);
        }
    }

    public synchronized void stop() {
        if (offlinePulls != null) {
            offlinePulls.cancel(false);
            offlinePulls = null;
        }
        if (realtime != null) {
            realtime.stop();
        }
        if (live != null) {
            live.stop();
        }
        outbox.stop();
    }

    private void pullIfOffline() {
        if (realtime != null && realtime.online()) {
            return;
        }
        try {
            for (UUID eventId : positions().keySet()) {
                try {
                    puller.pull(eventId);
                } catch (SyncException e) {
                    LOG.debug("pull while realtime is down failed for event {}: {}", eventId, e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            // a periodic task that throws is never run again
            LOG.warn("pull while realtime is down failed", e);
        }
    }

    /** Event -> seq held: what the realtime client subscribes with. */
    public Map<UUID, Long> positions() {
        return replica.write(tx -> {
            Map<UUID, Long> out = new LinkedHashMap<>();
            for (Event e : EventStore.all(tx)) {
                out.put(e.id(), EventStore.lastSeq(tx, e.id()));
            }
            return out;
        });
    }

    @Override
    public CompletionStage<?> connected() {
        status.online(true);
        status.succeeded();
        for (UUID eventId : positions().keySet()) {
            try {
                puller.rewindIfServerBehind(eventId);
                puller.resendWhatTheServerLost(eventId);
                puller.rereadWhatThisVersionReads(eventId);
            } catch (SyncException e) {
                // not subscribed unchecked: the socket would bring a feed refilled after a restore past this door's
                // position, unnoticed (ADR 0250); the realtime client starts again, waiting longer each time
                throw new IllegalStateException("checking the feed position of event " + eventId + " failed: "
                        + e.getMessage(), e);
            }
        }
        return sentOrWaited(outbox.connectionRestored(), PUSH_FIRST_AT_MOST);
    }

    /** Ends when {@code sent} does, or after {@code atMost}. */
    static CompletionStage<?> sentOrWaited(CompletionStage<?> sent, Duration atMost) {
        return sent.toCompletableFuture().copy().completeOnTimeout(null, atMost.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void changes(UUID eventId, List<FeedEntry> changes, long lastSeq) {
        ChangeApplier.Applied result = applier.applyEntries(eventId, changes, true);
        if (result.gap()) {
            LOG.info("realtime: seq gap for event {} after {} (got {}), pulling", eventId, result.lastSeq(),
                    changes.isEmpty() ? "nothing" : changes.get(0).seq());
            try {
                puller.pull(eventId);
            } catch (SyncException e) {
                // the realtime client reconnects on this, and a reconnect asks for what follows the seq held
                throw new IllegalStateException("realtime: catch-up pull after a seq gap failed: " + e.getMessage(),
                        e);
            }
        }
    }

    @Override
    public void unreadableChanges(UUID eventId) {
        try {
            puller.pull(eventId);
        } catch (SyncException e) {
            LOG.warn("realtime: pulling changes of event {} failed: {}", eventId, e.getMessage());
        }
    }

    @Override
    public void disconnected(String reason) {
        status.online(false);
    }

    /** Bootstraps (or resumes bootstrapping) one event, reporting progress. */
    public long bootstrap(UUID eventId, BootstrapListener listener) throws SyncException {
        return puller.pull(eventId, listener);
    }

    /** What a {@link #syncUntilIdle} round left behind. */
    public record Round(int sent, int deadLettered, long pulled, int pending, SyncException error) {
    }

    /**
     * Pushes everything pending and pulls every event until the server has nothing more, in
     * rounds (a pull confirms what was pushed, or shows it must be sent again); stops at the
     * first failure or when a round changes nothing.
     */
    public Round syncUntilIdle() {
        int sent = 0;
        int dead = 0;
        long pulled = 0;
        int before = pending();
        outbox.releaseHeld();
        for (int round = 0; round < 5; round++) {
            OutboxSender.Flush flush = outbox.flushNow();
            sent += flush.sent();
            dead += flush.deadLettered();
            if (!flush.succeeded()) {
                return new Round(sent, dead, pulled, pending(), flush.error());
            }
            try {
                for (UUID eventId : positions().keySet()) {
                    puller.rewindIfServerBehind(eventId);
                    puller.resendWhatTheServerLost(eventId);
                    puller.rereadWhatThisVersionReads(eventId);
                    pulled += puller.pull(eventId);
                }
            } catch (SyncException e) {
                return new Round(sent, dead, pulled, pending(), e);
            }
            int after = pending();
            if (after == 0 || after == before && flush.sent() == 0) {
                return new Round(sent, dead, pulled, after, null);
            }
            before = after;
        }
        return new Round(sent, dead, pulled, pending(), null);
    }

    private int pending() {
        return replica.write(OutboxStore::count);
    }
}
