package dev.lanyard.kiosk.core.store;

import static dev.lanyard.kiosk.core.store.jooq.Tables.PRIZE_DRAWING;

import dev.lanyard.model.Participant;
import dev.lanyard.model.PrizeDrawing;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.merge.DrawingMerge;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Record1;

/**
 * Prize drawings; each is one register, merged with shared-model's {@link DrawingMerge}. A winner
 * whose participant is anonymized here is stored unnamed, whichever of the two arrived first.
 */
public final class DrawingStore {
    private DrawingStore() {
    }

    public static Optional<PrizeDrawing> find(Tx tx, UUID drawingId) {
        return Optional.ofNullable(tx.dsl().select(Bytes.col(PRIZE_DRAWING.BODY)).from(PRIZE_DRAWING)
                .where(PRIZE_DRAWING.DRAWING_ID.eq(drawingId))
                .fetchOne(Record1::value1)).map(b -> Json.read(tx.cipher().openBytes(b), PrizeDrawing.class));
    }

    /** Merges a version in. @return the version that now stands */
    public static PrizeDrawing merge(Tx tx, PrizeDrawing version) {
        PrizeDrawing incoming = withoutAnonymizedNames(tx, version);
        Optional<PrizeDrawing> current = find(tx, incoming.drawingId());
        PrizeDrawing winner = DrawingMerge.newer(current.orElse(null), incoming);
        if (current.isEmpty()) {
            tx.dsl().insertInto(PRIZE_DRAWING).set(PRIZE_DRAWING.DRAWING_ID, winner.drawingId())
                    .set(PRIZE_DRAWING.EVENT_ID, winner.eventId())
                    .set(PRIZE_DRAWING.BODY, Bytes.val(tx.cipher().seal(Json.write(winner)))).execute();
        } else if (winner != current.get()) {
            tx.dsl().update(PRIZE_DRAWING).set(PRIZE_DRAWING.BODY, Bytes.val(tx.cipher().seal(Json.write(winner))))
                    .where(PRIZE_DRAWING.DRAWING_ID.eq(winner.drawingId())).execute();
        }
        return winner;
    }

    private static PrizeDrawing withoutAnonymizedNames(Tx tx, PrizeDrawing drawing) {
        if (drawing.winners().isEmpty()) {
            return drawing;
        }
        Set<UUID> ids = new HashSet<>();
        drawing.winners().forEach(w -> ids.add(w.participantId()));
        Map<UUID, Participant> winners = ParticipantStore.findAll(tx, ids);
        return DrawingMerge.withoutNamesOf(drawing, id -> winners.containsKey(id) && winners.get(id).anonymized());
    }

    /** The participants were just anonymized: the event's drawings stop naming them. */
    public static void forgetWinners(Tx tx, UUID eventId, Set<UUID> anonymized) {
        for (PrizeDrawing drawing : all(tx, eventId)) {
            PrizeDrawing unnamed = DrawingMerge.withoutNamesOf(drawing, anonymized::contains);
            if (unnamed != drawing) {
                tx.dsl().update(PRIZE_DRAWING).set(PRIZE_DRAWING.BODY, Bytes.val(tx.cipher().seal(Json.write(unnamed))))
                        .where(PRIZE_DRAWING.DRAWING_ID.eq(unnamed.drawingId())).execute();
            }
        }
    }

    /**
     * The version stored for {@code restamped}'s drawing is the one stamped {@code old}: it takes
     * the new stamp, so a later version from elsewhere still wins here as it does on the server.
     */
    public static void restamp(Tx tx, Hlc old, PrizeDrawing restamped) {
        find(tx, restamped.drawingId()).filter(d -> d.hlc().equals(old)).ifPresent(d -> tx.dsl().update(PRIZE_DRAWING)
                .set(PRIZE_DRAWING.BODY, Bytes.val(tx.cipher().seal(
                Json.write(withoutAnonymizedNames(tx, restamped.withEventId(d.eventId()))))))
                .where(PRIZE_DRAWING.DRAWING_ID.eq(d.drawingId())).execute());
    }

    public static List<PrizeDrawing> all(Tx tx, UUID eventId) {
        return tx.dsl().select(Bytes.col(PRIZE_DRAWING.BODY)).from(PRIZE_DRAWING)
                .where(PRIZE_DRAWING.EVENT_ID.eq(eventId))
                .fetch(Record1::value1).stream().map(b -> Json.read(tx.cipher().openBytes(b), PrizeDrawing.class))
                .toList();
    }
}
