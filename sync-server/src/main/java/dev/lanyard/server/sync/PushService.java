package dev.lanyard.server.sync;

import static dev.lanyard.server.db.jooq.Tables.CHANGE_LOG;
import static dev.lanyard.server.db.jooq.Tables.CHECKIN_OP;
import static dev.lanyard.server.db.jooq.Tables.DRAWING_VERSION;
import static dev.lanyard.server.db.jooq.Tables.PARTICIPANT;
import static dev.lanyard.server.db.jooq.Tables.PARTICIPANT_PATCH;
import static dev.lanyard.server.db.jooq.Tables.PRIZE_DRAWING;
import static dev.lanyard.server.db.jooq.Tables.SCAN_ATTEMPT;

import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Event;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantField;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.PrizeDrawing;
import dev.lanyard.model.ScanAttempt;
import dev.lanyard.model.clock.HybridLogicalClock;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.merge.DrawingMerge;
import dev.lanyard.model.merge.ParticipantMerge;
import dev.lanyard.model.protocol.ChangeType;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.server.db.Database;
import dev.lanyard.server.db.BatchInsert;
import dev.lanyard.server.feed.ChangeHub;
import dev.lanyard.server.feed.FeedAppender;
import dev.lanyard.server.ops.Metrics;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Ingests what devices (and the server's own admin paths) write: check-in ops, participant
 * patches, drawings and scan attempts. Every item is stored once, keyed by its id; a retry gets
 * the answer of the first acceptance; an id reused with other content is rejected. The merge
 * rules are shared-model's ({@link ParticipantMerge}, {@link DrawingMerge}, and the check-in
 * merge inside {@link CheckInStates}); nothing here decides a conflict on its own.
 *
 * <p>A batch is one transaction holding the event's feed lock (see {@link FeedAppender}).
 */
public final class PushService {
    private final Database db;
    private final ChangeHub hub;
    private final HybridLogicalClock clock;
    private final Metrics metrics;

    private final java.util.Map<UUID, java.util.concurrent.locks.ReentrantLock> eventLocks = new java.util.concurrent.ConcurrentHashMap<>();
    private final BatchInsert insertOp;
    private final BatchInsert insertState;

    public PushService(Database db, ChangeHub hub, HybridLogicalClock clock, Metrics metrics) {
        this.insertOp = new BatchInsert(db.dsl(), CHECKIN_OP, CHECKIN_OP.OP_ID, CHECKIN_OP.EVENT_ID, CHECKIN_OP.PARTICIPANT_ID,
                CHECKIN_OP.CHECKIN_DAY, CHECKIN_OP.OP_ACTION, CHECKIN_OP.SEQ);
        this.insertState = CheckInStates.insertStatement(db.dsl());
        this.db = db;
        this.hub = hub;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Items as parsed from a push; {@code rejected} holds items that did not parse, keyed by id. */
    public record Batch(List<CheckInOp> ops, List<ParticipantPatch> patches, List<PrizeDrawing> drawings,
                        List<ScanAttempt> attempts, Map<Integer, OpResult> unreadable) {
        public Batch {
            unreadable = unreadable == null ? Map.of() : unreadable;
        }

        public static Batch ofPatches(List<ParticipantPatch> patches) {
            return new Batch(List.of(), patches, List.of(), List.of(), Map.of());
        }
    }

    /** Answers per item in the order ops, patches, drawings, attempts (the request's order within each list). */
    public record Outcome(List<OpResult> ops, List<OpResult> patches, List<OpResult> drawings, List<OpResult> attempts) {
        public List<OpResult> all() {
            List<OpResult> all = new ArrayList<>(ops.size() + patches.size() + drawings.size() + attempts.size());
            all.addAll(ops);
            all.addAll(patches);
            all.addAll(drawings);
            all.addAll(attempts);
            return all;
        }
    }

    public Outcome push(Event event, Batch batch) {
        // writers of one event take turns on its feed-counter row lock anyway; queueing them here first
        // spares the database its lock waits (H2 polls for row locks). The row lock still orders writers
        // of different server processes.
        java.util.concurrent.locks.ReentrantLock turn = eventLocks.computeIfAbsent(event.id(), id -> new java.util.concurrent.locks.ReentrantLock(true));
        turn.lock();
        try {
            return pushInTurn(event, batch);
        } finally {
            turn.unlock();
        }
    }

    private Outcome pushInTurn(Event event, Batch batch) {
        Outcome[] outcome = new Outcome[1];
        long last = db.inTransaction(tx -> {
            FeedAppender feed = FeedAppender.lock(tx, event.id());
            Ingest ingest = new Ingest(tx, event, feed);
            List<OpResult> patches = ingest.patches(batch.patches());
            List<OpResult> ops = ingest.ops(batch.ops());
            List<OpResult> drawings = ingest.drawings(batch.drawings());
            feed.finish(); // first: ops of earlier batches are read back from the change log, and so are this batch's
            ingest.recomputeStates();
            List<OpResult> attempts = ingest.attempts(batch.attempts(), feed.lastSeq());
            outcome[0] = new Outcome(ops, patches, drawings, attempts);
            return feed.changed() ? feed.lastSeq() : -1L;
        });
        if (last >= 0) {
            hub.publish(event.id(), last);
        }
        metrics.opsIngested(outcome[0].all());
        return outcome[0];
    }

    /** One batch inside its transaction. */
    private final class Ingest {
        private final DSLContext tx;
        private final Event event;
        private final FeedAppender feed;
        private final CheckInStates states;
        private final Map<UUID, Participant> participants = new HashMap<>();
        private final Map<UUID, UUID> participantEvents = new HashMap<>();

        Ingest(DSLContext tx, Event event, FeedAppender feed) {
            this.tx = tx;
            this.event = event;
            this.feed = feed;
            this.states = new CheckInStates(tx, event.id(), insertState);
        }

        List<OpResult> patches(List<ParticipantPatch> patches) {
            if (patches.isEmpty()) {
                return List.of();
            }
            Set<UUID> ids = new HashSet<>();
            Set<UUID> participantIds = new HashSet<>();
            for (ParticipantPatch p : patches) {
                ids.add(p.patchId());
                participantIds.add(p.participantId());
            }
            Map<UUID, Stored> known = new HashMap<>();
            for (List<UUID> chunk : chunks(ids)) {
                tx.select(PARTICIPANT_PATCH.PATCH_ID, PARTICIPANT_PATCH.BODY, PARTICIPANT_PATCH.SEQ).from(PARTICIPANT_PATCH)
                        .where(PARTICIPANT_PATCH.PATCH_ID.in(chunk))
                        .forEach(r -> known.put(r.value1(), new Stored(r.value2(), r.value3())));
            }
            loadParticipants(participantIds);
            List<OpResult> results = new ArrayList<>(patches.size());
            List<Object[]> patchRows = new ArrayList<>();
            for (ParticipantPatch raw : patches) {
                ParticipantPatch patch = raw.withEventId(event.id());
                String body = Json.write(patch);
                Stored stored = known.get(patch.patchId());
                if (stored != null) {
                    results.add(stored.body.equals(body) || PersonalData.isScrubbed(stored.body) ? OpResult.duplicate(patch.patchId(), stored.seq)
                            : OpResult.rejected(patch.patchId(), "patchId was already used for a different patch"));
                    continue;
                }
                if (raw.eventId() != null && !raw.eventId().equals(event.id())) {
                    results.add(OpResult.rejected(patch.patchId(), "patch names event " + raw.eventId() + ", not " + event.id()));
                    continue;
                }
                UUID owner = participantEvents.get(patch.participantId());
                if (owner != null && !owner.equals(event.id())) {
                    results.add(OpResult.rejected(patch.patchId(), "participant " + patch.participantId() + " belongs to another event"));
                    continue;
                }
                clock.receive(patch.hlc());
                Participant current = participants.get(patch.participantId());
                Participant merged = ParticipantMerge.apply(current == null ? Participant.blank(patch.participantId(), event.id()) : current, patch);
                long seq;
                ParticipantPatch serverPatch = current == null ? walkInMerge(merged) : null;
                if (serverPatch != null) {
                    merged = ParticipantMerge.apply(merged, serverPatch);
                }
                seq = feed.append(ChangeType.PARTICIPANT, merged.id(), Json.write(merged));
                patchRows.add(new Object[] {patch.patchId(), patch.participantId(), body, seq});
                if (serverPatch != null) {
                    patchRows.add(new Object[] {serverPatch.patchId(), serverPatch.participantId(), Json.write(serverPatch), seq});
                }
                UUID before = current == null ? null : current.mergedInto();
                if (!Objects.equals(before, merged.mergedInto())) {
                    states.mergeChanged(merged.id(), before, merged.mergedInto());
                }
                writeParticipant(merged, seq, current == null);
                known.put(patch.patchId(), new Stored(body, seq));
                results.add(OpResult.accepted(patch.patchId(), seq));
            }
            for (List<Object[]> chunk : chunks(patchRows)) {
                var insert = tx.insertInto(PARTICIPANT_PATCH, PARTICIPANT_PATCH.PATCH_ID, PARTICIPANT_PATCH.EVENT_ID,
                        PARTICIPANT_PATCH.PARTICIPANT_ID, PARTICIPANT_PATCH.BODY, PARTICIPANT_PATCH.SEQ);
                for (Object[] row : chunk) {
                    insert = insert.values((UUID) row[0], event.id(), (UUID) row[1], (String) row[2], (Long) row[3]);
                }
                insert.execute();
            }
            return results;
        }

        /**
         * A newcomer whose email is already registered in the event under another id is the same
         * person: instead of dropping either, the newcomer points at the canonical participant,
         * and its check-ins count there.
         */
        private ParticipantPatch walkInMerge(Participant newcomer) {
            if (newcomer.email() == null || newcomer.email().isBlank() || newcomer.mergedInto() != null) {
                return null;
            }
            UUID canonical = tx.select(PARTICIPANT.ID).from(PARTICIPANT)
                    .where(PARTICIPANT.EVENT_ID.eq(event.id()))
                    .and(PARTICIPANT.EMAIL_LOWER.eq(newcomer.email().toLowerCase(Locale.ROOT)))
                    .and(PARTICIPANT.ID.ne(newcomer.id()))
                    .and(PARTICIPANT.MERGED_INTO.isNull())
                    .orderBy(PARTICIPANT.ID).limit(1).fetchOne(PARTICIPANT.ID);
            if (canonical == null) {
                return null;
            }
            return new ParticipantPatch(Ids.newId(), event.id(), newcomer.id(),
                    Map.of(ParticipantField.MERGED_INTO.wire(), canonical.toString()), clock.now(), null);
        }

        private void writeParticipant(Participant p, long seq, boolean isNew) {
            String email = p.email() == null ? null : p.email().toLowerCase(Locale.ROOT);
            String body = Json.write(p);
            if (isNew) {
                tx.insertInto(PARTICIPANT).set(PARTICIPANT.ID, p.id()).set(PARTICIPANT.EVENT_ID, event.id())
                        .set(PARTICIPANT.EMAIL_LOWER, email).set(PARTICIPANT.TICKET_CODE, p.ticketCode())
                        .set(PARTICIPANT.MERGED_INTO, p.mergedInto()).set(PARTICIPANT.BODY, body)
                        .set(PARTICIPANT.UPDATED_SEQ, seq).execute();
            } else {
                tx.update(PARTICIPANT).set(PARTICIPANT.EMAIL_LOWER, email).set(PARTICIPANT.TICKET_CODE, p.ticketCode())
                        .set(PARTICIPANT.MERGED_INTO, p.mergedInto()).set(PARTICIPANT.BODY, body)
                        .set(PARTICIPANT.UPDATED_SEQ, seq).where(PARTICIPANT.ID.eq(p.id())).execute();
            }
            participants.put(p.id(), p);
            participantEvents.put(p.id(), event.id());
        }

        private void loadParticipants(Set<UUID> ids) {
            Set<UUID> missing = new HashSet<>(ids);
            missing.removeAll(participantEvents.keySet());
            for (List<UUID> chunk : chunks(missing)) {
                tx.select(PARTICIPANT.ID, PARTICIPANT.EVENT_ID, PARTICIPANT.BODY).from(PARTICIPANT).where(PARTICIPANT.ID.in(chunk))
                        .forEach(r -> {
                            participantEvents.put(r.value1(), r.value2());
                            if (r.value2().equals(event.id())) {
                                participants.put(r.value1(), Json.read(r.value3(), Participant.class));
                            }
                        });
            }
        }

        List<OpResult> ops(List<CheckInOp> ops) {
            if (ops.isEmpty()) {
                return List.of();
            }
            Map<UUID, Stored> known = new HashMap<>();
            Set<UUID> ids = new HashSet<>();
            Set<UUID> participantIds = new HashSet<>();
            for (CheckInOp op : ops) {
                ids.add(op.opId());
                participantIds.add(op.participantId());
            }
            for (List<UUID> chunk : chunks(ids)) {
                // the op's JSON is its change-log entry
                tx.select(CHECKIN_OP.OP_ID, CHANGE_LOG.BODY, CHECKIN_OP.SEQ, CHECKIN_OP.EVENT_ID).from(CHECKIN_OP)
                        .join(CHANGE_LOG).on(CHANGE_LOG.EVENT_ID.eq(CHECKIN_OP.EVENT_ID)).and(CHANGE_LOG.SEQ.eq(CHECKIN_OP.SEQ))
                        .where(CHECKIN_OP.OP_ID.in(chunk))
                        .forEach(r -> known.put(r.value1(), new Stored(r.value2(), r.value3(), r.value4())));
            }
            loadParticipants(participantIds);
            Set<LocalDate> days = new HashSet<>(event.days());
            List<OpResult> results = new ArrayList<>(ops.size());
            BatchInsert.Rows rows = insertOp.rows();
            Map<UUID, CheckInOp> accepted = new HashMap<>();
            for (CheckInOp raw : ops) {
                CheckInOp op = raw.withEventId(event.id());
                Stored stored = known.get(op.opId());
                if (stored != null && !event.id().equals(stored.eventId)) {
                    results.add(OpResult.rejected(op.opId(), "opId was already used in another event"));
                    continue;
                }
                if (stored != null) {
                    CheckInOp first = accepted.containsKey(op.opId()) ? accepted.get(op.opId()) : Json.read(stored.body, CheckInOp.class);
                    results.add(first.sameContentAs(op) ? OpResult.duplicate(op.opId(), stored.seq)
                            : OpResult.rejected(op.opId(), "opId was already used for a different op"));
                    continue;
                }
                String reason = rejection(raw, days);
                if (reason != null) {
                    results.add(OpResult.rejected(op.opId(), reason));
                    continue;
                }
                clock.receive(op.hlc());
                long seq = feed.append(ChangeType.CHECKIN_OP, op.opId(), null);
                CheckInOp withSeq = op.withSeq(seq);
                String body = Json.write(withSeq);
                feed.replaceLast(body);
                rows.add(op.opId(), event.id(), op.participantId(), op.day(), op.action().wire(), seq);
                known.put(op.opId(), new Stored(body, seq, event.id()));
                accepted.put(op.opId(), withSeq);
                states.opAdded(canonicalOf(op.participantId()), withSeq);
                results.add(OpResult.accepted(op.opId(), seq));
            }
            rows.execute(tx);
            return results;
        }

        private String rejection(CheckInOp raw, Set<LocalDate> days) {
            if (raw.eventId() != null && !raw.eventId().equals(event.id())) {
                return "op names event " + raw.eventId() + ", not " + event.id();
            }
            UUID owner = participantEvents.get(raw.participantId());
            if (owner != null && !owner.equals(event.id())) {
                return "participant " + raw.participantId() + " belongs to another event";
            }
            if (!days.contains(raw.day())) {
                return "day " + raw.day() + " is not a check-in day of this event";
            }
            return null;
        }

        private UUID canonicalOf(UUID participantId) {
            Participant p = participants.get(participantId);
            return p == null ? participantId : p.canonicalId();
        }

        void recomputeStates() {
            states.recompute();
        }

        List<OpResult> drawings(List<PrizeDrawing> drawings) {
            List<OpResult> results = new ArrayList<>(drawings.size());
            for (PrizeDrawing raw : drawings) {
                PrizeDrawing drawing = raw.withEventId(event.id());
                String body = Json.write(drawing);
                Record existing = tx.select(DRAWING_VERSION.BODY, DRAWING_VERSION.SEQ, DRAWING_VERSION.EVENT_ID).from(DRAWING_VERSION)
                        .where(DRAWING_VERSION.DRAWING_ID.eq(drawing.drawingId()))
                        .and(DRAWING_VERSION.HLC_WALL.eq(drawing.hlc().wall()))
                        .and(DRAWING_VERSION.HLC_COUNTER.eq(drawing.hlc().counter()))
                        .and(DRAWING_VERSION.HLC_NODE.eq(drawing.hlc().node())).fetchOne();
                if (existing != null) {
                    results.add(existing.get(DRAWING_VERSION.BODY).equals(body)
                            ? OpResult.duplicate(drawing.drawingId(), existing.get(DRAWING_VERSION.SEQ))
                            : OpResult.rejected(drawing.drawingId(), "this drawing version (id and hlc) was already used for different content"));
                    continue;
                }
                if (raw.eventId() != null && !raw.eventId().equals(event.id())) {
                    results.add(OpResult.rejected(drawing.drawingId(), "drawing names event " + raw.eventId() + ", not " + event.id()));
                    continue;
                }
                Record current = tx.select(PRIZE_DRAWING.BODY, PRIZE_DRAWING.EVENT_ID).from(PRIZE_DRAWING)
                        .where(PRIZE_DRAWING.DRAWING_ID.eq(drawing.drawingId())).fetchOne();
                if (current != null && !current.get(PRIZE_DRAWING.EVENT_ID).equals(event.id())) {
                    results.add(OpResult.rejected(drawing.drawingId(), "drawing " + drawing.drawingId() + " belongs to another event"));
                    continue;
                }
                clock.receive(drawing.hlc());
                PrizeDrawing winner = DrawingMerge.newer(current == null ? null : Json.read(current.get(PRIZE_DRAWING.BODY), PrizeDrawing.class), drawing);
                String winnerBody = Json.write(winner);
                long seq = feed.append(ChangeType.DRAWING, drawing.drawingId(), winnerBody);
                tx.insertInto(DRAWING_VERSION).set(DRAWING_VERSION.DRAWING_ID, drawing.drawingId())
                        .set(DRAWING_VERSION.HLC_WALL, drawing.hlc().wall()).set(DRAWING_VERSION.HLC_COUNTER, drawing.hlc().counter())
                        .set(DRAWING_VERSION.HLC_NODE, drawing.hlc().node()).set(DRAWING_VERSION.EVENT_ID, event.id())
                        .set(DRAWING_VERSION.BODY, body).set(DRAWING_VERSION.SEQ, seq).execute();
                if (current == null) {
                    tx.insertInto(PRIZE_DRAWING).set(PRIZE_DRAWING.DRAWING_ID, drawing.drawingId()).set(PRIZE_DRAWING.EVENT_ID, event.id())
                            .set(PRIZE_DRAWING.BODY, winnerBody).execute();
                } else {
                    tx.update(PRIZE_DRAWING).set(PRIZE_DRAWING.BODY, winnerBody).where(PRIZE_DRAWING.DRAWING_ID.eq(drawing.drawingId())).execute();
                }
                results.add(OpResult.accepted(drawing.drawingId(), seq));
            }
            return results;
        }

        /** Attempts are audit records, not feed entries: an accepted one answers with the feed position it was stored at. */
        List<OpResult> attempts(List<ScanAttempt> attempts, long position) {
            if (attempts.isEmpty()) {
                return List.of();
            }
            Map<UUID, Stored> known = new HashMap<>();
            Set<UUID> ids = new HashSet<>();
            attempts.forEach(a -> ids.add(a.attemptId()));
            for (List<UUID> chunk : chunks(ids)) {
                tx.select(SCAN_ATTEMPT.ATTEMPT_ID, SCAN_ATTEMPT.BODY, SCAN_ATTEMPT.SEQ).from(SCAN_ATTEMPT).where(SCAN_ATTEMPT.ATTEMPT_ID.in(chunk))
                        .forEach(r -> known.put(r.value1(), new Stored(r.value2(), r.value3())));
            }
            List<OpResult> results = new ArrayList<>();
            Map<UUID, String> fresh = new LinkedHashMap<>();
            for (ScanAttempt raw : attempts) {
                ScanAttempt attempt = raw.withEventId(event.id());
                String body = Json.write(attempt);
                Stored stored = known.get(attempt.attemptId());
                if (stored != null) {
                    results.add(stored.body.equals(body) ? OpResult.duplicate(attempt.attemptId(), stored.seq)
                            : OpResult.rejected(attempt.attemptId(), "attemptId was already used for a different attempt"));
                    continue;
                }
                if (raw.eventId() != null && !raw.eventId().equals(event.id())) {
                    results.add(OpResult.rejected(attempt.attemptId(), "attempt names event " + raw.eventId() + ", not " + event.id()));
                    continue;
                }
                fresh.put(attempt.attemptId(), body);
                known.put(attempt.attemptId(), new Stored(body, position));
                results.add(OpResult.accepted(attempt.attemptId(), position));
            }
            List<Map.Entry<UUID, String>> rows = new ArrayList<>(fresh.entrySet());
            for (List<Map.Entry<UUID, String>> chunk : chunks(rows)) {
                var insert = tx.insertInto(SCAN_ATTEMPT, SCAN_ATTEMPT.ATTEMPT_ID, SCAN_ATTEMPT.EVENT_ID, SCAN_ATTEMPT.BODY, SCAN_ATTEMPT.SEQ);
                for (Map.Entry<UUID, String> e : chunk) {
                    insert = insert.values(e.getKey(), event.id(), e.getValue(), position);
                }
                insert.execute();
            }
            return results;
        }
    }

    private record Stored(String body, long seq, UUID eventId) {
        Stored(String body, long seq) {
            this(body, seq, null);
        }
    }

    static <T> List<List<T>> chunks(java.util.Collection<T> items) {
        List<T> all = new ArrayList<>(items);
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 500) {
            out.add(all.subList(i, Math.min(all.size(), i + 500)));
        }
        return out;
    }
}
