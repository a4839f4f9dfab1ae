package dev.lanyard.kiosk.core.sync;

import dev.lanyard.kiosk.core.store.CheckInLog;
import dev.lanyard.kiosk.core.store.DrawingStore;
import dev.lanyard.kiosk.core.store.EventStore;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.kiosk.core.store.Settings;
import dev.lanyard.kiosk.core.store.Tx;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantField;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.PrizeDrawing;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What a kiosk does when the server's feed ends before the position it already reached: the
 * server lost changes it had acknowledged (restored from an older backup, or its last commits
 * lost in a crash). The kiosk gives back what it holds and the server may have lost, so no
 * check-in made anywhere is gone for good.
 *
 * <p>In two steps, each one transaction, so a kiosk stopped in between finishes on its next pull:
 * {@link #forget} clears the seqs of the event's check-in ops and the feed position; the caller
 * then reads the whole feed again, which gives every op the server still has its seq back;
 * {@link #giveBack} then queues every op still without a seq and not waiting in the outbox
 * (whichever door made it), and every participant field this device wrote (its walk-ins and
 * edits; fields are last-writer-wins registers, so one the server still has changes nothing).
 */
final class ServerRewind {
    record GivenBack(int ops, int patches, int drawings) {
    }

    private ServerRewind() {
    }

    static void forget(Tx tx, UUID eventId) {
        CheckInLog.forgetSeqs(tx, eventId);
        EventStore.rewindTo(tx, eventId, 0);
        Settings.put(tx, pendingKey(eventId), "1");
    }

    /** Whether {@link #forget} ran for this event and {@link #giveBack} did not yet. */
    static boolean pending(Tx tx, UUID eventId) {
        return Settings.get(tx, pendingKey(eventId)).isPresent();
    }

    static GivenBack giveBack(Tx tx, UUID eventId, String deviceId, long now) {
        Set<UUID> queued = OutboxStore.itemIds(tx, eventId);
        int ops = 0;
        for (CheckInOp op : CheckInLog.unnumbered(tx, eventId)) {
            if (queued.add(op.opId())) {
                OutboxStore.add(tx, eventId, OutboxStore.Kind.OP, op.opId(), op.opId(), Json.write(op), now);
                ops++;
            }
        }
        List<ParticipantPatch> patches = new ArrayList<>();
        ParticipantStore.forEach(tx, eventId, p -> patches.addAll(writtenHere(p, deviceId)));
        for (ParticipantPatch patch : patches) {
            OutboxStore.add(tx, eventId, OutboxStore.Kind.PATCH, patch.patchId(), patch.participantId(),
                    Json.write(patch), now);
        }
        // a prize drawing whose standing version this door made: the server merges versions by their stamp
        int drawings = 0;
        for (PrizeDrawing drawing : DrawingStore.all(tx, eventId)) {
            if (drawing.hlc() != null && deviceId.equals(drawing.hlc().node()) && queued.add(drawing.drawingId())) {
                OutboxStore.add(tx, eventId, OutboxStore.Kind.DRAWING, drawing.drawingId(), drawing.drawingId(),
                        Json.write(drawing), now);
                drawings++;
            }
        }
        Settings.remove(tx, pendingKey(eventId));
        return new GivenBack(ops, patches.size(), drawings);
    }

    /**
     * The fields of {@code p} this device wrote, as the patches that wrote them: one per stamp,
     * the oldest first (a walk-in's creating patch, which carries name and ticket code, comes
     * before later edits).
     */
    static List<ParticipantPatch> writtenHere(Participant p, String deviceId) {
        Map<Hlc, Map<String, String>> byStamp = new TreeMap<>();
        for (Map.Entry<String, Hlc> stamp : p.stamps().entrySet()) {
            if (deviceId.equals(stamp.getValue().node())) {
                byStamp.computeIfAbsent(stamp.getValue(), s -> new LinkedHashMap<>())
                        .put(stamp.getKey(), ParticipantField.read(p, stamp.getKey()));
            }
        }
        List<ParticipantPatch> patches = new ArrayList<>(byStamp.size());
        byStamp.forEach((hlc, fields) -> patches.add(new ParticipantPatch(Ids.newId(), p.eventId(), p.id(),
                new HashMap<>(fields), hlc, deviceId)));
        return patches;
    }

    private static String pendingKey(UUID eventId) {
        return "rewind.pending." + eventId;
    }
}
