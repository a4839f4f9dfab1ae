package dev.lanyard.kiosk.core.peer;

import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.PeerLogStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.core.sync.ChangeApplier;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.PrizeDrawing;
import dev.lanyard.model.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The peer log of one event in the replica, and what receiving from a peer does to the
 * replica: in one transaction, the items that continue their origin are appended, applied as
 * the feed's are ({@link ChangeApplier#applyFromPeers}) and put into the outbox, so that
 * whichever door reaches the server first forwards them (the server takes each item once by id).
 */
public final class PeerReplica implements PeerLog {
    private final Replica replica;
    private final UUID eventId;
    private final ChangeApplier applier;
    private final Runnable outboxWake;

    public PeerReplica(Replica replica, UUID eventId, ChangeApplier applier, Runnable outboxWake) {
        this.replica = replica;
        this.eventId = eventId;
        this.applier = applier;
        this.outboxWake = outboxWake;
    }

    public UUID eventId() {
        return eventId;
    }

    @Override
    public VersionVector vector() {
        return replica.write(tx -> VersionVector.of(PeerLogStore.counts(tx, eventId)));
    }

    @Override
    public List<PeerItem> read(String origin, long after, int limit) {
        return replica.write(tx -> PeerLogStore.read(tx, eventId, origin, after, limit).stream()
                .map(r -> new PeerItem(r.origin(), r.counter(), PeerItem.Kind.valueOf(r.kind()), r.itemId(), r.body()))
                .toList());
    }

    /**
     * What one receipt did: how many items were new here, whether one could not be placed yet, and the vector after it.
     */
    public record Received(int fresh, boolean gap, VersionVector vector) {
    }

    /**
     * Takes what continues this door's holdings; an item whose body does not read as its kind
     * is refused with the whole page (a trusted door sent it, so it is a bug, not an attack).
     */
    public Received receive(List<PeerItem> items) {
        List<Object> bodies = new ArrayList<>(items.size());
        for (PeerItem item : items) {
            bodies.add(read(item));
        }
        return replica.write(tx -> {
            VersionVector held = VersionVector.of(PeerLogStore.counts(tx, eventId));
            List<PeerItem> fresh = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            boolean gap = false;
            for (int i = 0; i < items.size(); i++) {
                PeerItem item = items.get(i);
                switch (AntiEntropy.receive(held, item)) {
                    case NEW -> {
                        PeerLogStore.append(tx, eventId, new PeerLogStore.Row(item.origin(), item.counter(),
                                item.kind().name(), item.itemId(),
                                item.body()));
                        held = held.with(item.origin(), item.counter());
                        fresh.add(item);
                        values.add(bodies.get(i));
                    }
                    case GAP -> gap = true;
                    case HELD -> { }
                }
            }
            if (fresh.isEmpty()) {
                return new Received(0, gap, held);
            }
            Set<UUID> newOps = applier.applyFromPeers(eventId, values);
            long now = System.currentTimeMillis();
            for (int i = 0; i < fresh.size(); i++) {
                PeerItem item = fresh.get(i);
                Object value = values.get(i);
                if (value instanceof CheckInOp op) {
                    // an op already held came from the feed: the server has it
                    if (newOps.contains(op.opId())) {
                        OutboxStore.add(tx, eventId, OutboxStore.Kind.OP, op.opId(), op.opId(), item.body(), now);
                    }
                } else if (value instanceof ParticipantPatch patch) {
                    OutboxStore.add(tx, eventId, OutboxStore.Kind.PATCH, patch.patchId(), patch.participantId(),
                            item.body(), now);
                } else if (value instanceof PrizeDrawing drawing) {
                    OutboxStore.add(tx, eventId, OutboxStore.Kind.DRAWING, drawing.drawingId(), drawing.drawingId(),
                            item.body(), now);
                }
            }
            tx.afterCommit(outboxWake);
            return new Received(fresh.size(), gap, held);
        });
    }

    private Object read(PeerItem item) {
        Object value = switch (item.kind()) {
            case OP -> Json.read(item.body(), CheckInOp.class);
            case PATCH -> Json.read(item.body(), ParticipantPatch.class);
            case DRAWING -> Json.read(item.body(), PrizeDrawing.class);
        };
        UUID itemEvent = value instanceof CheckInOp op ? op.eventId()
                : value instanceof ParticipantPatch patch ? patch.eventId() : ((PrizeDrawing) value).eventId();
        if (itemEvent != null && !itemEvent.equals(eventId)) {
            throw new IllegalArgumentException("a peer sent an item of event " + itemEvent + " as one of " + eventId);
        }
        return value;
    }
}
