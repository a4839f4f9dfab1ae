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
import dev.lanyard.model.FieldAuthority;
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
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.server.db.Database;
import dev.lanyard.server.db.BatchStatement;
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
import java.util.Optional;
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
 * <p>A batch is one transaction holding the event's feed lock (see {@link FeedAppender}). An item
 * stamped further ahead of the server's clock than {@link StampBound} allows is refused before
 * its stamp reaches the server's clock, so it changes nothing.
 */
public final class PushService {
    private final Database db;
    private final ChangeHub hub;
    private final HybridLogicalClock clock;
    private final StampBound bound;
    private final Metrics metrics;

    /**
     * Items that may wait for an event's turn before pushes are refused (429): four full batches,
     * a few seconds of ingest on a venue laptop, well inside a kiosk's request timeout. Beyond
     * that a door would wait longer than it waits for an answer, give up and push again.
     */
    public static final int MAX_WAITING_ITEMS = 4 * PushRequest.MAX_ITEMS;

    private final Map<UUID, EventWriteQueue<Queued, Outcome>> queues = new java.util.concurrent.ConcurrentHashMap<>();
    private final CheckInSql checkInSql;

    public PushService(Database db, ChangeHub hub, HybridLogicalClock clock, StampBound bound, Metrics metrics) {
        this.checkInSql = new CheckInSql(db.dsl());
        this.db = db;
        this.hub = hub;
        this.clock = clock;
        this.bound = bound;
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

    /**
     * The server's own write (organizer edits, import, anonymization): it may set every field, and
     * its stamps come from this server's clock, so the drift bound for callers' stamps does not
     * apply (an organizer edit is stamped after the participant's registers, ADR 0007, which may
     * lie ahead of this server's clock when it stepped back).
     */
    public Outcome push(Event event, Batch batch) {
        return push(event, batch, FieldAuthority.Writer.ORGANIZER, Stamps.FROM_THIS_SERVER);
    }

    /** @param writer the authority of the caller who pushed the batch, whatever ids its items claim */
    public Outcome push(Event event, Batch batch, FieldAuthority.Writer writer) {
        return push(event, batch, writer, Stamps.FROM_CALLER);
    }

    /** Who made the stamps of a batch: a caller's are held to the drift bound (ADR 0006). */
    private enum Stamps { FROM_CALLER, FROM_THIS_SERVER }

    private Outcome push(Event event, Batch batch, FieldAuthority.Writer writer, Stamps stamps) {
        // what does not depend on the feed position is done before queueing for the turn
        List<OpBody> ops = new ArrayList<>(batch.ops().size());
        batch.ops().forEach(raw -> ops.add(OpBody.of(raw, event.id())));
        Outcome outcome = queues.computeIfAbsent(event.id(), id -> new EventWriteQueue<>(PushRequest.MAX_ITEMS, MAX_WAITING_ITEMS, Queued::items))
                .write(new Queued(event, batch, ops, writer, stamps), this::writeGroup);
        metrics.opsIngested(outcome.all());
        return outcome;
    }

    /** Items waiting for the event's turn (for tests and metrics). */
    public int waitingItems(UUID eventId) {
        EventWriteQueue<Queued, Outcome> queue = queues.get(eventId);
        return queue == null ? 0 : queue.waitingItems();
    }

    /** Writes the batches in one transaction, as a group of waiting writers is written (for tests). */
    List<Outcome> pushTogether(Event event, List<Batch> batches) {
        List<Queued> group = new ArrayList<>();
        for (Batch batch : batches) {
            List<OpBody> ops = new ArrayList<>();
            batch.ops().forEach(raw -> ops.add(OpBody.of(raw, event.id())));
            group.add(new Queued(event, batch, ops, FieldAuthority.Writer.ORGANIZER, Stamps.FROM_CALLER));
        }
        return writeGroup(group, () -> { });
    }

    /** A batch waiting for its event's turn. */
    private record Queued(Event event, Batch batch, List<OpBody> ops, FieldAuthority.Writer writer, Stamps stamps) {
        int items() {
            return ops.size() + batch.patches().size() + batch.drawings().size() + batch.attempts().size();
        }

        /** The bound the batch's stamps are held to, or null for this server's own. */
        StampBound bound(StampBound forCallers) {
            return stamps == Stamps.FROM_CALLER ? forCallers : null;
        }
    }

    /**
     * Writes batches of one event in one transaction, as if one after the other: each gets the
     * answers it would get alone.
     */
    private List<Outcome> writeGroup(List<Queued> group, Runnable releaseTurn) {
        Event event = group.get(0).event();
        List<Outcome> outcomes = new ArrayList<>(group.size());
        long last = db.inTransaction(tx -> {
            outcomes.clear();
            FeedAppender feed = FeedAppender.lock(tx, event.id());
            Ingest ingest = new Ingest(tx, event, feed);
            List<List<OpResult>> patches = new ArrayList<>();
            List<List<OpResult>> ops = new ArrayList<>();
            List<List<OpResult>> drawings = new ArrayList<>();
            for (Queued q : group) {
                StampBound stampBound = q.bound(bound);
                patches.add(ingest.patches(q.batch().patches(), q.writer(), stampBound));
                ops.add(ingest.ops(q.ops(), stampBound));
                drawings.add(ingest.drawings(q.batch().drawings(), stampBound));
            }
            feed.finish(); // first: ops of earlier transactions are read back from the change log, and so are this one's
            ingest.recomputeStates();
            for (int i = 0; i < group.size(); i++) {
                List<OpResult> attempts = ingest.attempts(group.get(i).batch().attempts(), feed.lastSeq());
                outcomes.add(new Outcome(ops.get(i), patches.get(i), drawings.get(i), attempts));
            }
            // the counter's row lock orders writers until this transaction ends; the next writer may queue on it
            // now, while this one commits and (on H2) writes the commit to its file
            releaseTurn.run();
            return feed.changed() ? feed.lastSeq() : -1L;
        });
        if (last >= 0) {
            hub.publish(event.id(), last);
        }
        return outcomes;
    }

    /** One batch inside its transaction. */
    private final class Ingest {
        private final DSLContext tx;
        private final Event event;
        private final FeedAppender feed;
        private final CheckInStates states;
        private final Map<UUID, Participant> participants = new HashMap<>();
        private final Map<UUID, UUID> participantEvents = new HashMap<>();
        /** Participant id -> the participant its check-ins count for (itself unless merged). */
        private final Map<UUID, UUID> canonicalIds = new HashMap<>();
        /** Ops accepted by earlier batches of this transaction: their change-log entries are not written yet. */
        private final Map<UUID, Stored> opsOfEarlierBatches = new HashMap<>();
        private final TicketCodeHolders codeHolders;

        Ingest(DSLContext tx, Event event, FeedAppender feed) {
            this.tx = tx;
            this.event = event;
            this.feed = feed;
            this.states = new CheckInStates(tx, event.id(), checkInSql);
            this.codeHolders = new TicketCodeHolders(tx, event.id());
        }

        List<OpResult> patches(List<ParticipantPatch> patches, FieldAuthority.Writer writer, StampBound stampBound) {
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
                        .forEach(r -> known.put(r.value1(), Stored.earlier(r.value2(), r.value3(), event.id())));
            }
            loadParticipants(participantIds);
            codeHolders.load(candidateCodes(patches));
            List<OpResult> results = new ArrayList<>(patches.size());
            List<Object[]> patchRows = new ArrayList<>();
            for (ParticipantPatch raw : patches) {
                ParticipantPatch patch = raw.withEventId(event.id());
                String body = Json.write(patch);
                Stored stored = known.get(patch.patchId());
                if (stored != null) {
                    // a scrubbed patch (anonymization) can no longer be compared; its retry is taken as the same patch
                    OpResult answer = stored.answer(patch.patchId(), stored.body.equals(body) || PersonalData.isScrubbed(stored.body),
                            "patchId was already used for a different patch");
                    known.put(patch.patchId(), stored.seenAgain(answer));
                    results.add(answer);
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
                Optional<String> refused = FieldAuthority.refusal(writer, participants.get(patch.participantId()), patch);
                if (refused.isPresent()) {
                    results.add(OpResult.rejected(patch.patchId(), refused.get()));
                    continue;
                }
                OpResult clockAhead = stampBound == null ? null : stampBound.refusal(patch.patchId(), patch.hlc());
                if (clockAhead != null) {
                    results.add(clockAhead);
                    continue;
                }
                clock.receive(patch.hlc());
                Participant current = participants.get(patch.participantId());
                Participant merged = ParticipantMerge.apply(current == null ? Participant.blank(patch.participantId(), event.id()) : current, patch);
                Optional<String> codeTaken = codeHolders.refusal(merged);
                if (codeTaken.isPresent()) {
                    results.add(OpResult.rejected(patch.patchId(), codeTaken.get()));
                    continue;
                }
                long seq;
                ParticipantPatch serverPatch = current == null ? walkInMerge(merged) : null;
                if (serverPatch != null) {
                    merged = ParticipantMerge.apply(merged, serverPatch);
                }
                seq = feed.append(ChangeType.PARTICIPANT, merged.id(), Json.write(merged));
                // under the tombstone a patch changes nothing, and its body is the only copy of what it tried to write
                patchRows.add(new Object[] {patch.patchId(), patch.participantId(), merged.anonymized() ? PersonalData.SCRUBBED : body, seq});
                if (serverPatch != null) {
                    patchRows.add(new Object[] {serverPatch.patchId(), serverPatch.participantId(), Json.write(serverPatch), seq});
                }
                UUID before = current == null ? null : current.mergedInto();
                if (!Objects.equals(before, merged.mergedInto())) {
                    states.mergeChanged(merged.id(), before, merged.mergedInto());
                }
                writeParticipant(merged, seq, current == null);
                known.put(patch.patchId(), Stored.inThisBatch(body, seq, event.id()));
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
         * The codes the batch's participants may end up with (each patch merged onto the stored
         * participant, and the stored code itself), asked for at once; a code this misses (one an
         * earlier patch of the batch brought) is asked for when it comes.
         */
        private Set<String> candidateCodes(List<ParticipantPatch> patches) {
            Set<String> codes = new HashSet<>();
            for (ParticipantPatch raw : patches) {
                ParticipantPatch patch = raw.withEventId(event.id());
                Participant current = participants.get(patch.participantId());
                if (current != null && current.ticketCode() != null) {
                    codes.add(current.ticketCode());
                }
                if (participantEvents.containsKey(patch.participantId()) && current == null) {
                    continue; // another event's participant: refused before its code matters
                }
                try {
                    String code = ParticipantMerge.apply(current == null ? Participant.blank(patch.participantId(), event.id()) : current, patch)
                            .ticketCode();
                    if (code != null) {
                        codes.add(code);
                    }
                } catch (RuntimeException refusedLater) {
                    // an item the loop below refuses; its code is not needed
                }
            }
            return codes;
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
            codeHolders.written(participants.get(p.id()), p);
            participants.put(p.id(), p);
            participantEvents.put(p.id(), event.id());
            canonicalIds.put(p.id(), p.canonicalId());
        }

        private void loadParticipants(Set<UUID> ids) {
            Set<UUID> missing = new HashSet<>(ids);
            missing.removeAll(participantEvents.keySet());
            for (List<UUID> chunk : chunks(missing)) {
                tx.select(PARTICIPANT.ID, PARTICIPANT.EVENT_ID, PARTICIPANT.BODY).from(PARTICIPANT).where(PARTICIPANT.ID.in(chunk))
                        .forEach(r -> {
                            participantEvents.put(r.value1(), r.value2());
                            if (r.value2().equals(event.id())) {
                                Participant p = Json.read(r.value3(), Participant.class);
                                participants.put(r.value1(), p);
                                canonicalIds.put(p.id(), p.canonicalId());
                            }
                        });
            }
        }

        /** What check-ins need of participants (event, canonical id), without reading their bodies. */
        private void loadParticipantRefs(Set<UUID> ids) {
            Set<UUID> missing = new HashSet<>(ids);
            missing.removeAll(participantEvents.keySet());
            for (CheckInSql.ParticipantRef ref : checkInSql.participantRefs.fetch(tx, missing)) {
                participantEvents.put(ref.id(), ref.eventId());
                canonicalIds.put(ref.id(), ref.canonicalId());
            }
        }

        List<OpResult> ops(List<OpBody> ops, StampBound stampBound) {
            if (ops.isEmpty()) {
                return List.of();
            }
            Set<UUID> ids = new HashSet<>();
            Set<UUID> participantIds = new HashSet<>();
            for (OpBody op : ops) {
                ids.add(op.op().opId());
                participantIds.add(op.op().participantId());
            }
            Map<UUID, Stored> known = new HashMap<>();
            List<UUID> storedHere = new ArrayList<>();
            for (CheckInSql.KnownOp k : checkInSql.knownOps.fetch(tx, ids)) {
                Stored earlierInTransaction = opsOfEarlierBatches.get(k.opId());
                if (earlierInTransaction != null) {
                    known.put(k.opId(), earlierInTransaction);
                    continue;
                }
                known.put(k.opId(), Stored.earlier(null, k.seq(), k.eventId()));
                if (k.eventId().equals(event.id())) {
                    storedHere.add(k.opId());
                }
            }
            // a retry: its content is compared with the stored op
            for (CheckInSql.StoredOp stored : checkInSql.opBodiesById.fetch(tx, storedHere)) {
                Stored k = known.get(stored.opId());
                known.put(stored.opId(), Stored.earlier(stored.body(), k.seq, k.eventId));
            }
            loadParticipantRefs(participantIds);
            Set<LocalDate> days = new HashSet<>(event.days());
            List<OpResult> results = new ArrayList<>(ops.size());
            BatchStatement.Rows rows = checkInSql.insertOp.rows();
            Map<UUID, CheckInOp> accepted = new HashMap<>();
            for (OpBody incoming : ops) {
                CheckInOp op = incoming.op();
                Stored stored = known.get(op.opId());
                if (stored != null && !event.id().equals(stored.eventId)) {
                    results.add(OpResult.rejected(op.opId(), "opId was already used in another event"));
                    continue;
                }
                if (stored != null) {
                    CheckInOp first = accepted.containsKey(op.opId()) ? accepted.get(op.opId()) : Json.read(stored.body, CheckInOp.class);
                    OpResult answer = stored.answer(op.opId(), first.sameContentAs(op), "opId was already used for a different op");
                    known.put(op.opId(), stored.seenAgain(answer));
                    results.add(answer);
                    continue;
                }
                String reason = rejection(incoming.raw(), days);
                if (reason != null) {
                    results.add(OpResult.rejected(op.opId(), reason));
                    continue;
                }
                OpResult clockAhead = stampBound == null ? null : stampBound.refusal(op.opId(), op.hlc());
                if (clockAhead != null) {
                    results.add(clockAhead);
                    continue;
                }
                clock.receive(op.hlc());
                long seq = feed.append(ChangeType.CHECKIN_OP, op.opId(), null);
                String body = incoming.withSeq(seq);
                feed.replaceLast(body);
                CheckInOp withSeq = op.withSeq(seq);
                rows.add(op.opId(), event.id(), op.participantId(), op.day(), op.action().wire(), seq);
                known.put(op.opId(), Stored.inThisBatch(body, seq, event.id()));
                opsOfEarlierBatches.put(op.opId(), Stored.earlier(body, seq, event.id()));
                accepted.put(op.opId(), withSeq);
                states.opAdded(canonicalIds.getOrDefault(op.participantId(), op.participantId()), withSeq);
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

        void recomputeStates() {
            states.recompute();
        }

        List<OpResult> drawings(List<PrizeDrawing> drawings, StampBound stampBound) {
            List<OpResult> results = new ArrayList<>(drawings.size());
            Map<List<Object>, Stored> thisBatch = new HashMap<>();
            for (PrizeDrawing raw : drawings) {
                PrizeDrawing drawing = withoutAnonymizedNames(raw.withEventId(event.id()));
                String body = Json.write(drawing);
                List<Object> version = List.of(drawing.drawingId(), drawing.hlc());
                Stored earlierInBatch = thisBatch.get(version);
                if (earlierInBatch != null) {
                    results.add(earlierInBatch.answer(drawing.drawingId(), earlierInBatch.body.equals(body),
                            "this drawing version (id and hlc) was already used for different content"));
                    continue;
                }
                Record existing = tx.select(DRAWING_VERSION.BODY, DRAWING_VERSION.SEQ, DRAWING_VERSION.EVENT_ID).from(DRAWING_VERSION)
                        .where(DRAWING_VERSION.DRAWING_ID.eq(drawing.drawingId()))
                        .and(DRAWING_VERSION.HLC_WALL.eq(drawing.hlc().wall()))
                        .and(DRAWING_VERSION.HLC_COUNTER.eq(drawing.hlc().counter()))
                        .and(DRAWING_VERSION.HLC_NODE.eq(drawing.hlc().node())).fetchOne();
                if (existing != null) {
                    Stored stored = Stored.earlier(existing.get(DRAWING_VERSION.BODY), existing.get(DRAWING_VERSION.SEQ), existing.get(DRAWING_VERSION.EVENT_ID));
                    OpResult answer = stored.answer(drawing.drawingId(), stored.body.equals(body),
                            "this drawing version (id and hlc) was already used for different content");
                    thisBatch.put(version, stored.seenAgain(answer));
                    results.add(answer);
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
                OpResult clockAhead = stampBound == null ? null : stampBound.refusal(drawing.drawingId(), drawing.hlc());
                if (clockAhead != null) {
                    results.add(clockAhead);
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
                thisBatch.put(version, Stored.inThisBatch(body, seq, event.id()));
                results.add(OpResult.accepted(drawing.drawingId(), seq));
            }
            return results;
        }

        /** Stored, compared with earlier versions and served as every replica shows it: anonymized winners unnamed. */
        private PrizeDrawing withoutAnonymizedNames(PrizeDrawing drawing) {
            Set<UUID> winners = new HashSet<>();
            drawing.winners().forEach(w -> winners.add(w.participantId()));
            loadParticipants(winners);
            return DrawingMerge.withoutNamesOf(drawing, id -> participants.containsKey(id) && participants.get(id).anonymized());
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
                        .forEach(r -> known.put(r.value1(), Stored.earlier(r.value2(), r.value3(), event.id())));
            }
            List<OpResult> results = new ArrayList<>();
            Map<UUID, String> fresh = new LinkedHashMap<>();
            for (ScanAttempt raw : attempts) {
                ScanAttempt attempt = raw.withEventId(event.id());
                String body = Json.write(attempt);
                Stored stored = known.get(attempt.attemptId());
                if (stored != null) {
                    OpResult answer = stored.answer(attempt.attemptId(), stored.body.equals(body), "attemptId was already used for a different attempt");
                    known.put(attempt.attemptId(), stored.seenAgain(answer));
                    results.add(answer);
                    continue;
                }
                if (raw.eventId() != null && !raw.eventId().equals(event.id())) {
                    results.add(OpResult.rejected(attempt.attemptId(), "attempt names event " + raw.eventId() + ", not " + event.id()));
                    continue;
                }
                fresh.put(attempt.attemptId(), body);
                known.put(attempt.attemptId(), Stored.inThisBatch(body, position, event.id()));
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

    /**
     * An item already known under an id: stored by an earlier push, or accepted earlier in this batch.
     * A retried batch must get the answers the first one got, so an item stored earlier with the
     * same content is answered {@code accepted} at its first seq, exactly as the first time; only a
     * second occurrence within one batch is a {@code duplicate} (and it is one in the retry too).
     */
    private record Stored(String body, long seq, UUID eventId, boolean inThisBatch) {
        static Stored earlier(String body, long seq, UUID eventId) {
            return new Stored(body, seq, eventId, false);
        }

        static Stored inThisBatch(String body, long seq, UUID eventId) {
            return new Stored(body, seq, eventId, true);
        }

        /** After answering this item once in a batch, a further occurrence in the same batch is a duplicate. */
        Stored seenAgain(OpResult answer) {
            return answer.status() == dev.lanyard.model.protocol.OpStatus.REJECTED ? this : new Stored(body, seq, eventId, true);
        }

        OpResult answer(UUID id, boolean sameContent, String otherContentReason) {
            if (!sameContent) {
                return OpResult.rejected(id, otherContentReason);
            }
            return inThisBatch ? OpResult.duplicate(id, seq) : OpResult.accepted(id, seq);
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
