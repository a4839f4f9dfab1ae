package dev.lanyard.server.sync;

import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Event;
import dev.lanyard.model.clock.HybridLogicalClock;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.merge.ParticipantDay;
import dev.lanyard.model.protocol.ChangeType;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.server.db.BatchStatement;
import dev.lanyard.server.feed.FeedAppender;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Check-in ops of the batches of one transaction. An op's JSON is its change-log entry (with its
 * seq spliced in, see {@link OpBody}); the op table keeps only what lookups need. The derived
 * state of every participant-day an op touches is recomputed by {@link CheckInStates}.
 */
final class OpIngest {
    /**
     * Check-ins one participant holds on one day; more are refused one by one. A real day has a handful (admissions,
     * undos, re-entries); every push touching a participant-day reads all of its ops back, so without a bound one door
     * could make every later push for that person slower without end (a review: a re-entry 0.2 s, then 2.0 s after
     * 200,000 ops pushed for one person-day).
     */
    static final int MAX_OPS_PER_DAY = 500;
    private final DSLContext tx;
    private final Event event;
    private final FeedAppender feed;
    private final EventParticipants participants;
    private final CheckInStates states;
    private final CheckInSql sql;
    private final HybridLogicalClock clock;
    private final Set<LocalDate> days;
    /** Ops accepted by earlier batches of this transaction: their change-log entries are not written yet. */
    private final Map<UUID, Idempotency.Known> opsOfEarlierBatches = new HashMap<>();
    /** Ops per participant-day, stored or accepted in this transaction, of the participants counted so far. */
    private final Map<ParticipantDay, Integer> opsPerDay = new HashMap<>();
    private final Set<UUID> counted = new HashSet<>();

    OpIngest(DSLContext tx, Event event, FeedAppender feed, EventParticipants participants, CheckInStates states,
             CheckInSql sql, HybridLogicalClock clock) {
        this.tx = tx;
        this.event = event;
        this.feed = feed;
        this.participants = participants;
        this.states = states;
        this.sql = sql;
        this.clock = clock;
        this.days = new HashSet<>(event.days());
    }

    List<OpResult> ingest(List<OpBody> ops, StampBound stampBound) {
        if (ops.isEmpty()) {
            return List.of();
        }
        Set<UUID> ids = new HashSet<>();
        Set<UUID> participantIds = new HashSet<>();
        for (OpBody op : ops) {
            ids.add(op.op().opId());
            participantIds.add(op.op().participantId());
        }
        Idempotency<UUID> known = knownOps(ids);
        participants.loadRefs(participantIds);
        countOps(participantIds);
        List<OpResult> results = new ArrayList<>(ops.size());
        BatchStatement.Rows rows = sql.insertOp.rows();
        // ops accepted in this batch, so a repeat is compared without reading its JSON back
        Map<UUID, CheckInOp> accepted = new HashMap<>();
        for (OpBody incoming : ops) {
            CheckInOp op = incoming.op();
            Idempotency.Known stored = known.get(op.opId());
            if (stored != null && !event.id().equals(stored.eventId())) {
                results.add(OpResult.rejected(op.opId(), "opId was already used in another event"));
                continue;
            }
            OpResult again = known.answerIfKnown(op.opId(), op.opId(), k -> firstOf(k, accepted, op).sameContentAs(op),
                    "opId was already used for a different op");
            if (again != null) {
                results.add(again);
                continue;
            }
            String reason = rejection(incoming.raw());
            if (reason != null) {
                results.add(OpResult.rejected(op.opId(), reason));
                continue;
            }
            OpResult clockAhead = stampBound == null ? null : stampBound.refusal(op.opId(), op.hlc());
            if (clockAhead != null) {
                results.add(clockAhead);
                continue;
            }
            ParticipantDay day = new ParticipantDay(op.participantId(), op.day());
            if (opsPerDay.getOrDefault(day, 0) >= MAX_OPS_PER_DAY) {
                results.add(OpResult.rejected(op.opId(), "participant " + op.participantId() + " already has "
                        + MAX_OPS_PER_DAY + " check-ins on " + op.day() + "; no real door makes more"));
                continue;
            }
            opsPerDay.merge(day, 1, Integer::sum);
            clock.receive(op.hlc());
            long seq = feed.append(ChangeType.CHECKIN_OP, op.opId(), null);
            String body = incoming.withSeq(seq);
            feed.replaceLast(body);
            CheckInOp withSeq = op.withSeq(seq);
            rows.add(op.opId(), event.id(), op.participantId(), op.day(), op.action().wire(), seq);
            known.acceptedNow(op.opId(), body, seq, event.id());
            opsOfEarlierBatches.put(op.opId(), new Idempotency.Known(body, seq, event.id(), false));
            accepted.put(op.opId(), withSeq);
            states.opAdded(participants.canonicalOf(op.participantId()), withSeq);
            results.add(OpResult.accepted(op.opId(), seq));
        }
        rows.execute(tx);
        return results;
    }

    /** Reads how many ops the participant-days of {@code participantIds} hold, for those not counted yet. */
    private void countOps(Set<UUID> participantIds) {
        Set<UUID> fresh = new HashSet<>(participantIds);
        fresh.removeAll(counted);
        if (fresh.isEmpty()) {
            return;
        }
        for (CheckInSql.DayCount count : sql.opCounts.fetch(tx, fresh)) {
            opsPerDay.put(count.day(), count.ops());
        }
        counted.addAll(fresh);
    }

    /**
     * The ops of {@code ids} stored before this batch: by an earlier transaction (their JSON read
     * from the change log only when they belong to this event) or by an earlier batch of this one.
     */
    private Idempotency<UUID> knownOps(Set<UUID> ids) {
        Idempotency<UUID> known = new Idempotency<>();
        Map<UUID, CheckInSql.KnownOp> storedHere = new HashMap<>();
        for (CheckInSql.KnownOp k : sql.knownOps.fetch(tx, ids)) {
            Idempotency.Known earlierInTransaction = opsOfEarlierBatches.get(k.opId());
            if (earlierInTransaction != null) {
                known.storedEarlier(k.opId(), earlierInTransaction.body(), earlierInTransaction.seq(), event.id());
                continue;
            }
            known.storedEarlier(k.opId(), null, k.seq(), k.eventId());
            if (k.eventId().equals(event.id())) {
                storedHere.put(k.opId(), k);
            }
        }
        // a retry: its content is compared with the stored op
        for (CheckInSql.StoredOp stored : sql.opBodiesById.fetch(tx, storedHere.keySet())) {
            CheckInSql.KnownOp k = storedHere.get(stored.opId());
            known.storedEarlier(stored.opId(), stored.body(), k.seq(), k.eventId());
        }
        return known;
    }

    private static CheckInOp firstOf(Idempotency.Known known, Map<UUID, CheckInOp> accepted, CheckInOp incoming) {
        CheckInOp first = accepted.get(incoming.opId());
        return first != null ? first : Json.read(known.body(), CheckInOp.class);
    }

    private String rejection(CheckInOp raw) {
        if (raw.eventId() != null && !raw.eventId().equals(event.id())) {
            return "op names event " + raw.eventId() + ", not " + event.id();
        }
        UUID owner = participants.eventOf(raw.participantId());
        if (owner != null && !owner.equals(event.id())) {
            return "participant " + raw.participantId() + " belongs to another event";
        }
        if (!days.contains(raw.day())) {
            return "day " + raw.day() + " is not a check-in day of this event";
        }
        return null;
    }
}
