package dev.lanyard.kiosk.core.peer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.PeerLogStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.core.store.Tx;
import dev.lanyard.kiosk.core.sync.ChangeApplier;
import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.FieldAuthority;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.PrizeDrawing;
import dev.lanyard.model.TicketCodes;
import dev.lanyard.model.WireEnum;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.merge.ParticipantMerge;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The peer log of one event in the replica, and what receiving from a peer does to the
 * replica: in one transaction, the items that continue their origin are appended, applied as
 * the feed's are ({@link ChangeApplier#applyFromPeers}) and put into the outbox, so that
 * whichever door reaches the server first forwards them (the server takes each item once by id).
 */
public final class PeerReplica implements PeerLog {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PeerReplica.class);
    private final Replica replica;
    private final UUID eventId;
    private final ChangeApplier applier;
    private final Runnable outboxWake;
    private final Predicate<String> listedOrigin;

    /**
     * Origins this log takes that are not doors the server listed to this one (a door paired after the list was
     * fetched): each origin is a vector entry every exchange carries, so a door inventing origins would otherwise
     * grow every door's vector past what a frame holds and end the venue's exchanges (ADR 0341).
     */
    static final int MAX_UNLISTED_ORIGINS = 64;
    /** Refused items remembered so that each is warned of once, though every door that holds it offers it again. */
    static final int MAX_WARNED_REFUSALS = 256;
    private final Set<UUID> warnedRefusals = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<UUID, Boolean>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
                    return size() > MAX_WARNED_REFUSALS;
                }
            }));

    public PeerReplica(Replica replica, UUID eventId, ChangeApplier applier, Runnable outboxWake) {
        this(replica, eventId, applier, outboxWake, origin -> false);
    }

    /** @param listedOrigin whether an origin is a door the server listed for the event ({@link PeerTrust#lists}) */
    public PeerReplica(Replica replica, UUID eventId, ChangeApplier applier, Runnable outboxWake,
                       Predicate<String> listedOrigin) {
        this.replica = replica;
        this.eventId = eventId;
        this.applier = applier;
        this.outboxWake = outboxWake;
        this.listedOrigin = listedOrigin;
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
     * The page of what a peer at {@code theirs} lacks ({@link AntiEntropy#delta}), in one replica transaction: the page
     * reads a few items at a time, and each read in a transaction of its own would be one more wait for a desk's scan.
     */
    public AntiEntropy.Delta delta(VersionVector theirs, int maxItems, long maxBytes) {
        return replica.write(tx -> AntiEntropy.delta(this, theirs, maxItems, maxBytes));
    }

    /**
     * What one receipt did: how many items were new here, whether one could not be placed yet, the vector after it,
     * and the vector to ask with next: the held one, past the items of origins this door does not take now (an
     * unlisted origin beyond {@link #MAX_UNLISTED_ORIGINS}), so the peer's next page starts after them instead of
     * repeating them, and past those the earlier pages of the same run were asked past (else a page of one such origin
     * asked past the one before it, and two took turns for ever).
     */
    public record Received(int fresh, boolean gap, VersionVector vector, VersionVector askWith) {
    }

    /** {@code askWith} with what {@code askedBefore} holds beyond it, while a peer still takes the vector's size. */
    private static VersionVector askedPastBefore(VersionVector askWith, VersionVector askedBefore) {
        VersionVector merged = askWith;
        for (Map.Entry<String, Long> before : askedBefore.asMap().entrySet()) {
            if (merged.get(before.getKey()) >= before.getValue()) {
                continue;
            }
            if (merged.get(before.getKey()) == 0 && merged.asMap().size() >= VersionVector.MAX_ORIGINS) {
                break;
            }
            merged = merged.with(before.getKey(), before.getValue());
        }
        return merged;
    }

    /**
     * Takes what continues this door's holdings. An item whose body names a value this version does not know (a
     * newer door's, ADR 0337) is kept in the log, passed on to other doors and queued for the server as it came,
     * but not applied here, and the desk is told; an item whose body is wrong in any other way, or whose id is not its
     * body's, is refused with the whole page (a trusted door sent it, so it is a bug, not an attack). What a door may
     * not write is kept and passed on but neither applied nor queued, and an item stamped further ahead of this door's
     * clock than the server takes is kept, passed on and queued, not applied (ADR 0353): the log stays every origin's
     * whole sequence, and no listed door can write here what the server would refuse. An op or a patch for a
     * participant this kiosk holds under another event is refused alone: not kept, passed on or queued, and its
     * origin's later items are asked past.
     */
    public Received receive(List<PeerItem> items) {
        return receive(items, VersionVector.EMPTY);
    }

    /**
     * As above, one page of a run of pages asked for with {@code askedBefore} (the last receipt's
     * {@link Received#askWith}): the origins it asked past stay asked past, up to {@link VersionVector#MAX_ORIGINS}
     * origins in all.
     */
    public Received receive(List<PeerItem> items, VersionVector askedBefore) {
        List<Object> bodies = new ArrayList<>(items.size());
        Set<UUID> named = new HashSet<>();
        for (PeerItem item : items) {
            Object body = readOrSetAside(item);
            bodies.add(body);
            participantOf(body).ifPresent(named::add);
        }
        return replica.write(tx -> {
            VersionVector held = VersionVector.of(PeerLogStore.counts(tx, eventId));
            Set<UUID> ofOtherEvents = ParticipantStore.ofOtherEvents(tx, eventId, named);
            Set<String> refusedOrigins = new HashSet<>();
            long unlisted = held.asMap().keySet().stream().filter(listedOrigin.negate()).count();
            Map<String, Long> passedOver = new HashMap<>();
            List<PeerItem> fresh = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            boolean gap = false;
            for (int i = 0; i < items.size(); i++) {
                PeerItem item = items.get(i);
                if (held.get(item.origin()) == 0 && !listedOrigin.test(item.origin())
                        && (passedOver.containsKey(item.origin()) || unlisted >= MAX_UNLISTED_ORIGINS)) {
                    // left for whoever offers it once the server lists its door here; asked past, not waited for
                    passedOver.merge(item.origin(), item.counter(), Math::max);
                    continue;
                }
                AntiEntropy.Receipt receipt = AntiEntropy.receive(held, item);
                boolean refused = receipt == AntiEntropy.Receipt.NEW
                        && participantOf(bodies.get(i)).filter(ofOtherEvents::contains).isPresent();
                boolean afterRefused = receipt == AntiEntropy.Receipt.GAP && (refusedOrigins.contains(item.origin())
                        || askedBefore.get(item.origin()) > held.get(item.origin()));
                if (refused || afterRefused) {
                    // as the server refuses it ("participant belongs to another event"): applied, it would overwrite
                    // that event's participant or admit them there. Not kept, so neither passed on nor queued; its
                    // origin's later items cannot follow it here, so they are asked past, not waited for (a page asked
                    // again with the same vector would come again without end); the feed brings them
                    if (refused) {
                        warnRefusedOnce(item);
                        refusedOrigins.add(item.origin());
                    }
                    passedOver.merge(item.origin(), item.counter(), Math::max);
                    continue;
                }
                if (receipt == AntiEntropy.Receipt.NEW && held.get(item.origin()) == 0
                        && !listedOrigin.test(item.origin())) {
                    unlisted++;
                }
                switch (receipt) {
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
            VersionVector askWith = held;
            for (Map.Entry<String, Long> past : passedOver.entrySet()) {
                askWith = askWith.with(past.getKey(), past.getValue());
            }
            askWith = askedPastBefore(askWith, askedBefore);
            if (fresh.isEmpty()) {
                return new Received(0, gap, held, askWith);
            }
            List<Object> applied = new ArrayList<>();
            List<Hold> holds = new ArrayList<>(fresh.size());
            Map<UUID, Participant> asChanged = new HashMap<>();
            for (int i = 0; i < fresh.size(); i++) {
                Object value = values.get(i);
                Hold hold = value instanceof Unreadable ? Hold.NOT_APPLIED : hold(tx, fresh.get(i), value, asChanged);
                if (hold == Hold.APPLIED) {
                    applied.add(value);
                }
                holds.add(hold);
            }
            Set<UUID> newOps = applied.isEmpty() ? Set.of() : applier.applyFromPeers(eventId, applied);
            long now = System.currentTimeMillis();
            for (int i = 0; i < fresh.size(); i++) {
                PeerItem item = fresh.get(i);
                Object value = values.get(i);
                if (holds.get(i) == Hold.NEITHER) {
                    continue;
                }
                if (value instanceof CheckInOp op) {
                    // an op already held came from the feed: the server has it
                    if (holds.get(i) == Hold.NOT_APPLIED || newOps.contains(op.opId())) {
                        OutboxStore.add(tx, eventId, OutboxStore.Kind.OP, op.opId(), op.opId(), item.body(), now);
                    }
                } else if (value instanceof ParticipantPatch patch) {
                    OutboxStore.add(tx, eventId, OutboxStore.Kind.PATCH, patch.patchId(), patch.participantId(),
                            item.body(), now);
                } else if (value instanceof PrizeDrawing drawing) {
                    OutboxStore.add(tx, eventId, OutboxStore.Kind.DRAWING, drawing.drawingId(), drawing.drawingId(),
                            item.body(), now);
                } else if (value instanceof Unreadable unreadable) {
                    // the server may read it, and takes each item once by id whoever forwards it
                    OutboxStore.add(tx, eventId, unreadable.outboxKind(), item.itemId(), unreadable.entityId(),
                            item.body(), now);
                    applier.unreadableFromPeer(eventId, item.origin(), unreadable.why());
                }
            }
            tx.afterCommit(outboxWake);
            return new Received(fresh.size(), gap, held, askWith);
        });
    }

    /** The participant an op or a patch is for, read or set aside; a drawing is for none. */
    private static Optional<UUID> participantOf(Object body) {
        if (body instanceof CheckInOp op) {
            return Optional.of(op.participantId());
        }
        if (body instanceof ParticipantPatch patch) {
            return Optional.of(patch.participantId());
        }
        return body instanceof Unreadable unreadable ? Optional.ofNullable(unreadable.participant()) : Optional.empty();
    }

    /** Names the item and its door, never the participant: no personal data goes into the log. */
    private void warnRefusedOnce(PeerItem item) {
        if (warnedRefusals.add(item.itemId())) {
            LOG.warn("event {}: door {} sent {} {} for a participant of another event of this kiosk; refused, as the"
                    + " server refuses it", eventId, TicketCodes.printable(item.origin(), 64),
                    item.kind().name().toLowerCase(Locale.ROOT), item.itemId());
        }
    }

    /** What becomes of a readable item another door sent, besides being kept in the log and passed on. */
    private enum Hold {
        /** applied here and queued for the server */
        APPLIED,
        /** queued for the server, which decides, but not applied here */
        NOT_APPLIED,
        /** neither: the server refuses it as well */
        NEITHER
    }

    /**
     * @param asChanged participants as the page's patches judged so far leave them: the server judges a patch against
     *                  the participant its earlier items made (a walk-in's second patch may no longer set its code)
     */
    private Hold hold(Tx tx, PeerItem item, Object value, Map<UUID, Participant> asChanged) {
        Participant current = null;
        if (value instanceof ParticipantPatch patch) {
            current = asChanged.containsKey(patch.participantId()) ? asChanged.get(patch.participantId())
                    : ParticipantStore.find(tx, patch.participantId()).orElse(null);
            Optional<String> refused = FieldAuthority.refusal(FieldAuthority.Writer.DOOR, current, patch);
            if (refused.isPresent()) {
                LOG.warn("event {}: door {} sent a patch no door may make ({}); passed on, not applied", eventId,
                        TicketCodes.printable(item.origin(), 64), refused.get());
                return Hold.NEITHER;
            }
        }
        Hlc stamp = value instanceof CheckInOp op ? op.hlc()
                : value instanceof ParticipantPatch patch ? patch.hlc() : ((PrizeDrawing) value).hlc();
        if (applier.tooFarAhead(stamp)) {
            LOG.warn("event {}: door {} sent an item stamped {} ms ahead; passed on to the server, not applied here",
                    eventId, TicketCodes.printable(item.origin(), 64), applier.millisAhead(stamp));
            return Hold.NOT_APPLIED;
        }
        if (value instanceof ParticipantPatch patch) {
            asChanged.put(patch.participantId(), ParticipantMerge.apply(current != null ? current
                    : Participant.blank(patch.participantId(), eventId), patch));
        }
        return Hold.APPLIED;
    }

    /**
     * An item this version cannot read because it names a value a newer door knows.
     *
     * @param entityId what the server's feed will show for it: the op or drawing id, a patch's participant
     * @param participant whom an op or a patch is for, when its body says
     */
    private record Unreadable(OutboxStore.Kind outboxKind, UUID entityId, UUID participant, String why) {
    }

    private Object readOrSetAside(PeerItem item) {
        try {
            return read(item);
        } catch (RuntimeException e) {
            if (!WireEnum.namesUnknownValue(e)) {
                throw e;
            }
            JsonNode tree;
            try {
                tree = Json.mapper().readTree(item.body());
            } catch (JsonProcessingException notJson) {
                throw e;
            }
            UUID itemEvent = uuid(tree, "eventId");
            if (itemEvent != null && !itemEvent.equals(eventId)) {
                throw new IllegalArgumentException("a peer sent an item of event " + itemEvent + " as one of "
                        + eventId);
            }
            requireOwnId(item, uuid(tree, idField(item.kind())));
            return switch (item.kind()) {
                case OP -> new Unreadable(OutboxStore.Kind.OP, item.itemId(), uuid(tree, "participantId"),
                        e.getMessage());
                case DRAWING -> new Unreadable(OutboxStore.Kind.DRAWING, item.itemId(), null, e.getMessage());
                case PATCH -> {
                    UUID participant = uuid(tree, "participantId");
                    if (participant == null) {
                        throw e; // without it the feed could never confirm the patch
                    }
                    yield new Unreadable(OutboxStore.Kind.PATCH, participant, participant, e.getMessage());
                }
            };
        }
    }

    /**
     * The outbox keeps an item under its log id and the server answers by its body's: under another id its answer names
     * nothing sent, and the outbox stops behind it (ADR 0353).
     */
    private static void requireOwnId(PeerItem item, UUID bodyId) {
        if (!item.itemId().equals(bodyId)) {
            throw new IllegalArgumentException("a peer sent item " + item.itemId() + " whose body is " + bodyId);
        }
    }

    private static String idField(PeerItem.Kind kind) {
        return switch (kind) {
            case OP -> "opId";
            case PATCH -> "patchId";
            case DRAWING -> "drawingId";
        };
    }

    private static UUID uuid(JsonNode tree, String field) {
        JsonNode value = tree == null ? null : tree.get(field);
        if (value == null || !value.isTextual()) {
            return null;
        }
        try {
            return UUID.fromString(value.asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Object read(PeerItem item) {
        Object value = switch (item.kind()) {
            case OP -> Json.read(item.body(), CheckInOp.class);
            case PATCH -> Json.read(item.body(), ParticipantPatch.class);
            case DRAWING -> Json.read(item.body(), PrizeDrawing.class);
        };
        requireOwnId(item, value instanceof CheckInOp op ? op.opId()
                : value instanceof ParticipantPatch patch ? patch.patchId() : ((PrizeDrawing) value).drawingId());
        UUID itemEvent = value instanceof CheckInOp op ? op.eventId()
                : value instanceof ParticipantPatch patch ? patch.eventId() : ((PrizeDrawing) value).eventId();
        if (itemEvent != null && !itemEvent.equals(eventId)) {
            throw new IllegalArgumentException("a peer sent an item of event " + itemEvent + " as one of " + eventId);
        }
        return value;
    }
}
