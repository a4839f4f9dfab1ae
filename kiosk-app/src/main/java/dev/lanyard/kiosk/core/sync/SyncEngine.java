package dev.lanyard.kiosk.core.sync;

import dev.lanyard.kiosk.core.BootstrapListener;
import dev.lanyard.kiosk.core.store.EventStore;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.model.Event;
import dev.lanyard.model.protocol.Change;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties the sync parts together: the realtime client's pushes are applied in order (a gap in
 * seqs is filled by pulling), a reconnect flushes the outbox at once, and {@link #syncUntilIdle}
 * does a whole push-and-pull round for the CLI.
 */
public final class SyncEngine implements RealtimeClient.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);
    private final Replica replica;
    private final ChangeApplier applier;
    private final FeedPuller puller;
    private final OutboxSender outbox;
    private final SyncStatusTracker status;
    private RealtimeClient realtime;

    public SyncEngine(Replica replica, ChangeApplier applier, FeedPuller puller, OutboxSender outbox, SyncStatusTracker status) {
        this.replica = replica;
        this.applier = applier;
        this.puller = puller;
        this.outbox = outbox;
        this.status = status;
    }

    /** Attached after construction: the client needs this engine as its handler. */
    public void attach(RealtimeClient client) {
        this.realtime = client;
    }

    public void start() {
        status.refreshCounts();
        if (realtime != null) {
            realtime.start();
        }
        outbox.start();
    }

    public void stop() {
        if (realtime != null) {
            realtime.stop();
        }
        outbox.stop();
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
    public void connected() {
        status.online(true);
        status.succeeded();
        for (UUID eventId : positions().keySet()) {
            try {
                puller.rewindIfServerBehind(eventId);
            } catch (SyncException e) {
                LOG.warn("checking the feed position of event {} failed: {}", eventId, e.getMessage());
            }
        }
        outbox.connectionRestored();
    }

    @Override
    public void changes(UUID eventId, List<Change> changes, long lastSeq) {
        ChangeApplier.Applied result = applier.apply(eventId, changes, true);
        if (result.gap()) {
            LOG.info("realtime: seq gap for event {} after {} (got {}), pulling", eventId, result.lastSeq(),
                    changes.isEmpty() ? "nothing" : changes.get(0).seq());
            try {
                puller.pull(eventId);
            } catch (SyncException e) {
                LOG.warn("realtime: catch-up pull failed: {}", e.getMessage());
            }
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
