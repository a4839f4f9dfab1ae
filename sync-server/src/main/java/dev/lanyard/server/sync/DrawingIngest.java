package dev.lanyard.server.sync;

import static dev.lanyard.server.db.jooq.Tables.DRAWING_VERSION;
import static dev.lanyard.server.db.jooq.Tables.PRIZE_DRAWING;

import dev.lanyard.model.Event;
import dev.lanyard.model.PrizeDrawing;
import dev.lanyard.model.clock.HybridLogicalClock;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.merge.DrawingMerge;
import dev.lanyard.model.protocol.ChangeType;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.server.feed.FeedAppender;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Prize drawings of one batch. A drawing has versions; each version (drawing id and stamp) is
 * stored once, and the drawing's current state is {@link DrawingMerge#newer} of its versions.
 * Drawings are few, so each is looked up on its own.
 */
final class DrawingIngest {
    private static final String OTHER_CONTENT =
            "this drawing version (id and hlc) was already used for different content";
    /** The drawing tables' body columns (V1__create_schema.sql: drawing_version, prize_drawing). */
    static final int BODY_CHARS = 400_000;
    /**
     * What naming one winner as anonymized may add to a stored body ({@code PersonalData} rewrites every stored form):
     * room kept for it, so an anonymization never outgrows the column.
     */
    static final int ANONYMIZED_ROOM = ("\"name\":" + Json.write(dev.lanyard.model.Participant.ANONYMIZED_NAME) + ",")
            .length();
    /** Winners whose records are read together: 20 of the largest records are 4 million characters. */
    static final int WINNERS_READ_AT_ONCE = 20;
    private final DSLContext tx;
    private final Event event;
    private final FeedAppender feed;
    private final EventParticipants participants;
    private final HybridLogicalClock clock;

    DrawingIngest(DSLContext tx, Event event, FeedAppender feed, EventParticipants participants,
            HybridLogicalClock clock) {
        this.tx = tx;
        this.event = event;
        this.feed = feed;
        this.participants = participants;
        this.clock = clock;
    }

    List<OpResult> ingest(List<PrizeDrawing> drawings, StampBound stampBound) {
        List<OpResult> results = new ArrayList<>(drawings.size());
        Idempotency<List<Object>> known = new Idempotency<>();
        for (PrizeDrawing raw : drawings) {
            PrizeDrawing drawing = withoutAnonymizedNames(raw.withEventId(event.id()));
            String body = Json.write(drawing);
            List<Object> version = List.of(drawing.drawingId(), drawing.hlc());
            if (!known.contains(version)) {
                lookUp(version, drawing, known);
            }
            OpResult again = known.answerIfKnown(version, drawing.drawingId(), k -> k.body().equals(body),
                    OTHER_CONTENT);
            if (again != null) {
                results.add(again);
                continue;
            }
            if (raw.eventId() != null && !raw.eventId().equals(event.id())) {
                results.add(OpResult.rejected(drawing.drawingId(),
                        "drawing names event " + raw.eventId() + ", not " + event.id()));
                continue;
            }
            UUID foreign = winnerOfAnotherEvent(drawing);
            if (foreign != null) {
                // stored, it would show another event's participant by name here, out of reach of their erasure there
                results.add(OpResult.rejected(drawing.drawingId(),
                        "winner " + foreign + " is a participant of another event"));
                continue;
            }
            int room = BODY_CHARS - drawing.winners().size() * ANONYMIZED_ROOM;
            if (body.length() > room) {
                // refused alone: stored, it failed the whole group's transaction and its door sent the push for ever;
                // after the duplicate check, so a version stored before the bound is still answered as one
                results.add(OpResult.rejected(drawing.drawingId(), "the drawing's record is " + body.length()
                        + " characters; the server keeps at most " + room + " for " + drawing.winners().size()
                        + " winners"));
                continue;
            }
            String beyond = dev.lanyard.model.Require.instantProblem(drawing.drawnAt(), "drawnAt");
            if (beyond != null) {
                results.add(OpResult.rejected(drawing.drawingId(), beyond));
                continue;
            }
            Record current = tx.select(PRIZE_DRAWING.BODY, PRIZE_DRAWING.EVENT_ID).from(PRIZE_DRAWING)
                    .where(PRIZE_DRAWING.DRAWING_ID.eq(drawing.drawingId())).fetchOne();
            if (current != null && !current.get(PRIZE_DRAWING.EVENT_ID).equals(event.id())) {
                results.add(OpResult.rejected(drawing.drawingId(),
                        "drawing " + drawing.drawingId() + " belongs to another event"));
                continue;
            }
            OpResult clockAhead = stampBound == null ? null : stampBound.refusal(drawing.drawingId(), drawing.hlc());
            if (clockAhead != null) {
                results.add(clockAhead);
                continue;
            }
            clock.receive(drawing.hlc());
            long seq = store(drawing, body, current);
            known.acceptedNow(version, body, seq, event.id());
            results.add(OpResult.accepted(drawing.drawingId(), seq));
        }
        return results;
    }

    /** Records the version stored by an earlier push, if there is one. */
    private void lookUp(List<Object> version, PrizeDrawing drawing, Idempotency<List<Object>> known) {
        Record existing = tx.select(DRAWING_VERSION.BODY, DRAWING_VERSION.SEQ, DRAWING_VERSION.EVENT_ID)
                .from(DRAWING_VERSION)
                .where(DRAWING_VERSION.DRAWING_ID.eq(drawing.drawingId()))
                .and(DRAWING_VERSION.HLC_WALL.eq(drawing.hlc().wall()))
                .and(DRAWING_VERSION.HLC_COUNTER.eq(drawing.hlc().counter()))
                .and(DRAWING_VERSION.HLC_NODE.eq(drawing.hlc().node())).fetchOne();
        if (existing != null) {
            known.storedEarlier(version, existing.get(DRAWING_VERSION.BODY), existing.get(DRAWING_VERSION.SEQ),
                    existing.get(DRAWING_VERSION.EVENT_ID));
        }
    }

    /** Stores the version and the drawing's new current state; returns the feed seq. */
    private long store(PrizeDrawing drawing, String body, Record current) {
        PrizeDrawing stored = current == null ? null : Json.read(current.get(PRIZE_DRAWING.BODY), PrizeDrawing.class);
        String winnerBody = Json.write(DrawingMerge.newer(stored, drawing));
        long seq = feed.append(ChangeType.DRAWING, drawing.drawingId(), winnerBody);
        tx.insertInto(DRAWING_VERSION).set(DRAWING_VERSION.DRAWING_ID, drawing.drawingId())
                .set(DRAWING_VERSION.HLC_WALL, drawing.hlc().wall())
                .set(DRAWING_VERSION.HLC_COUNTER, drawing.hlc().counter())
                .set(DRAWING_VERSION.HLC_NODE, drawing.hlc().node()).set(DRAWING_VERSION.EVENT_ID, event.id())
                .set(DRAWING_VERSION.BODY, body).set(DRAWING_VERSION.SEQ, seq).execute();
        if (current == null) {
            tx.insertInto(PRIZE_DRAWING).set(PRIZE_DRAWING.DRAWING_ID, drawing.drawingId())
                    .set(PRIZE_DRAWING.EVENT_ID, event.id()).set(PRIZE_DRAWING.BODY, winnerBody).execute();
        } else {
            tx.update(PRIZE_DRAWING).set(PRIZE_DRAWING.BODY, winnerBody)
                    .where(PRIZE_DRAWING.DRAWING_ID.eq(drawing.drawingId())).execute();
        }
        return seq;
    }

    /**
     * A winner the server holds under another event, or null. {@link #withoutAnonymizedNames} read every winner
     * already; a winner not held at all may be a walk-in whose record is still on its way, and is taken.
     */
    private UUID winnerOfAnotherEvent(PrizeDrawing drawing) {
        for (var winner : drawing.winners()) {
            UUID owner = participants.eventOf(winner.participantId());
            if (owner != null && !owner.equals(event.id())) {
                return winner.participantId();
            }
        }
        return null;
    }

    /** Stored, compared with earlier versions and served as every replica shows it: anonymized winners unnamed. */
    private PrizeDrawing withoutAnonymizedNames(PrizeDrawing drawing) {
        Set<UUID> anonymized = new HashSet<>();
        List<UUID> winners = drawing.winners().stream().map(w -> w.participantId()).distinct().toList();
        // a few winners' records at a time, the records held dropped between: a record may be 200,000 characters, and
        // a drawing names up to 1,000 winners; only who is anonymized is kept
        for (int from = 0; from < winners.size(); from += WINNERS_READ_AT_ONCE) {
            participants.forgetRecordsBeyond(PatchIngest.HELD_CHARS); // patches wrote theirs already
            int to = Math.min(winners.size(), from + WINNERS_READ_AT_ONCE);
            Set<UUID> some = new HashSet<>(winners.subList(from, to));
            participants.load(some);
            for (UUID id : some) {
                if (participants.get(id) != null && participants.get(id).anonymized()) {
                    anonymized.add(id);
                }
            }
        }
        return DrawingMerge.withoutNamesOf(drawing, anonymized::contains);
    }
}
