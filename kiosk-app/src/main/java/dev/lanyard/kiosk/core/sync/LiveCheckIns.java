package dev.lanyard.kiosk.core.sync;

import dev.lanyard.model.CheckInOp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a door's live socket hands on (ADR 0236): the other doors' fresh check-ins, applied as a peer's are
 * ({@link ChangeApplier#applyFromPeers}: into the log, states re-derived, the feed position untouched). The feed
 * brings the same ops again in seq order; applying one twice changes nothing. The door's own come back too and are
 * passed over.
 */
public final class LiveCheckIns implements RealtimeClient.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(LiveCheckIns.class);
    private final ChangeApplier applier;
    private final String deviceId;

    /** @param deviceId this door's: its own check-ins come back live too, and are already here */
    public LiveCheckIns(ChangeApplier applier, String deviceId) {
        this.applier = applier;
        this.deviceId = deviceId;
    }

    /** Nothing to send first: the feed socket's reconnect flushes the outbox. */
    @Override
    public CompletionStage<?> connected() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void live(UUID eventId, List<FeedEntry> changes) {
        List<Object> ops = new ArrayList<>(changes.size());
        for (FeedEntry entry : changes) {
            // this door's own ops are skipped without a write: each would cost a desk's next scan a wait
            if (entry.value() instanceof CheckInOp op && (op.eventId() == null || eventId.equals(op.eventId()))
                    && !deviceId.equals(op.deviceId())) {
                ops.add(op);
            }
        }
        if (!ops.isEmpty()) {
            applier.applyFromPeers(eventId, ops);
        }
    }

    /** A live socket is subscribed without a backlog: a server that sends one anyway is not followed here. */
    @Override
    public void changes(UUID eventId, List<FeedEntry> changes, long lastSeq) {
        LOG.debug("live socket: {} changes of event {} ignored; the feed socket applies them", changes.size(), eventId);
    }

    @Override
    public void unreadableChanges(UUID eventId) {
        // the feed socket pulls what it cannot read
    }

    @Override
    public void disconnected(String reason) {
        // the sync status follows the feed socket
    }
}
