package dev.lanyard.kiosk.core.store;

import static dev.lanyard.kiosk.core.store.jooq.Tables.CHECKIN_OP;
import static dev.lanyard.kiosk.core.store.jooq.Tables.CHECKIN_STATE;

import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.merge.CheckInMerge;
import dev.lanyard.model.merge.CheckInState;
import dev.lanyard.model.merge.ParticipantDay;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.Record;

/**
 * The append-only check-in log and the state derived from it. State is only ever written by
 * {@link #recompute}, which folds all ops of a canonical participant-day with shared-model's
 * {@link CheckInMerge#stateOf}: the replica never decides a check-in conflict on its own.
 */
public final class CheckInLog {
    private CheckInLog() {
    }

    /** The derived state as the door reads it (no op ids: use {@link #ops} for those). */
    public record DayState(boolean checkedIn, Instant firstAdmittedAt, String firstDevice, boolean duplicate,
            int reentries) {
        public static final DayState NONE = new DayState(false, null, null, false, 0);
    }

    /** An op to store and the canonical participant it counts for. */
    public record Pending(CheckInOp op, UUID canonical) {
        public ParticipantDay key() {
            return new ParticipantDay(canonical, op.day());
        }
    }

    /** Ops are looked up and states read this many participants at a time (a bound IN list H2 reads off an index). */
    private static final int CHUNK = 500;
    private static final String INSERT = "insert into checkin_op (op_id, event_id, participant_id, canonical_id,"
            + " checkin_day, op_action, device_id, body, seq) values (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SET_SEQ = "update checkin_op set seq = ? where op_id = ?";
    private static final String STATE_COLUMNS = " checkin_state (participant_id, checkin_day, event_id,"
            + " checked_in, first_admitted_at, first_device, duplicate_admission, reentries)";
    private static final String INSERT_STATE = "insert into" + STATE_COLUMNS + " values (?, ?, ?, ?, ?, ?, ?, ?)";
    /**
     * Which of a chunk of participants have a state row on a day: each looked up by the whole key (Jdbc#idRows). One
     * statement whatever the ids, parsed once and cached by H2.
     */
    private static final String PROBE_STATE = "select s.participant_id from " + Jdbc.idRows("t")
            + " join checkin_state s on s.participant_id = t.id and s.checkin_day = ?";
    /**
     * Which of a chunk of ops are stored, and their seqs. The door's own ops coming back (every page while it scans)
     * are all found, so each is re-checked against its key alone, not against a list of the chunk's ids.
     */
    private static final String STORED_SEQS = "select o.op_id, o.seq from " + Jdbc.idRows("t")
            + " join checkin_op o on o.op_id = t.id";
    private static final String OPS_OF_DAY = "select body, seq from checkin_op where canonical_id = ?"
            + " and checkin_day = ?";
    private static final String MERGE_STATE = "merge into" + STATE_COLUMNS + " key (participant_id, checkin_day)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * What {@link #addAll} did: the ops that were new, in the order given (an op given twice counts once), and
     * which of the participant-days they count for held ops before (had a state row).
     */
    public record Added(List<Pending> fresh, Set<ParticipantDay> logged) {
    }

    /**
     * Stores the ops not stored yet. A participant-day without a state row holds no op (every day with an op
     * has one once its transaction ends), so its ops are new without looking; only the ops of the other days, and
     * of the participants in {@code moved} (whose ops {@link #recanonicalize} moved in this transaction, before
     * their states are written), are looked up, per {@value #CHUNK}. The new ops go in as one JDBC batch (ADR
     * 0322, 0324). An op already stored without a seq gets the one it now carries.
     */
    public static Added addAll(Tx tx, List<Pending> ops, UUID eventId, Set<UUID> moved) {
        Map<UUID, Pending> byId = new LinkedHashMap<>();
        Set<ParticipantDay> keys = new LinkedHashSet<>();
        for (Pending p : ops) {
            byId.putIfAbsent(p.op().opId(), p);
            keys.add(p.key());
        }
        Set<ParticipantDay> logged = withState(tx, keys);
        Map<UUID, Long> stored = new HashMap<>();
        List<UUID> ids = new ArrayList<>();
        for (Pending p : byId.values()) {
            if (logged.contains(p.key()) || moved.contains(p.canonical())) {
                ids.add(p.op().opId());
            }
        }
        for (StoredOp op : Jdbc.listJoined(tx, STORED_SEQS, ids, CHUNK,
                r -> new StoredOp(r.getObject(1, UUID.class), Jdbc.nullableLong(r, 2)))) {
            stored.put(op.id(), op.seq());
        }
        List<Pending> fresh = new ArrayList<>();
        Map<UUID, Long> numbered = new LinkedHashMap<>();
        for (Pending p : byId.values()) {
            if (!stored.containsKey(p.op().opId())) {
                fresh.add(p);
            } else if (stored.get(p.op().opId()) == null && p.op().seq() != null) {
                numbered.put(p.op().opId(), p.op().seq());
            }
        }
        setSeqs(tx, numbered);
        insertAll(tx, fresh, eventId);
        return new Added(fresh, logged);
    }

    /** An op found stored, and the seq it holds (null until a feed or a push answer numbered it). */
    private record StoredOp(UUID id, Long seq) {
    }

    private static void insertAll(Tx tx, List<Pending> fresh, UUID eventId) {
        if (fresh.isEmpty()) {
            return;
        }
        tx.dsl().connection(c -> {
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                for (Pending p : fresh) {
                    bindInsert(tx, insert, p.op(), eventId, p.canonical());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    private static void bindInsert(Tx tx, PreparedStatement insert, CheckInOp op, UUID eventId, UUID canonical)
            throws SQLException {
        insert.setObject(1, op.opId());
        insert.setObject(2, eventId);
        insert.setObject(3, op.participantId());
        insert.setObject(4, canonical);
        insert.setObject(5, op.day());
        insert.setString(6, op.action().wire());
        insert.setString(7, op.deviceId());
        insert.setBytes(8, tx.cipher().seal(OpCodec.encode(op.withEventId(eventId))));
        insert.setObject(9, op.seq(), Types.BIGINT);
    }

    /**
     * {@link #ops} for many participant-days, read per {@value #CHUNK} canonical participants. Ops in
     * {@code known} (by id, as stored: with their event id) are taken from there instead of being opened and
     * parsed again.
     */
    public static Map<ParticipantDay, List<CheckInOp>> opsOf(Tx tx, Collection<ParticipantDay> keys,
            Map<UUID, CheckInOp> known) {
        Map<ParticipantDay, List<CheckInOp>> out = new LinkedHashMap<>();
        Set<UUID> canonicals = new LinkedHashSet<>();
        for (ParticipantDay key : keys) {
            out.put(key, new ArrayList<>());
            canonicals.add(key.participantId());
        }
        List<UUID> all = new ArrayList<>(canonicals);
        for (int i = 0; i < all.size(); i += CHUNK) {
            tx.dsl().select(CHECKIN_OP.OP_ID, CHECKIN_OP.CANONICAL_ID, CHECKIN_OP.CHECKIN_DAY, CHECKIN_OP.SEQ,
                            Bytes.col(CHECKIN_OP.BODY))
                    .from(CHECKIN_OP).where(CHECKIN_OP.CANONICAL_ID.in(
                            ConstantIds.of(all.subList(i, Math.min(all.size(), i + CHUNK)))))
                    .forEach(r -> {
                        List<CheckInOp> list = out.get(new ParticipantDay(r.value2(), r.value3()));
                        if (list == null) {
                            return; // another day of the same participant
                        }
                        CheckInOp op = known.get(r.value1());
                        if (op == null) {
                            op = OpCodec.decode(tx.cipher().openBytes(r.value5()));
                        }
                        list.add(r.value4() == null || op.seq() != null ? op : op.withSeq(r.value4()));
                    });
        }
        return out;
    }

    /**
     * Those of {@code keys} that have a state row, read per {@value #CHUNK} participants. Every participant-day
     * with an op in the log has one, so a day without holds no op yet.
     */
    public static Set<ParticipantDay> withState(Tx tx, Set<ParticipantDay> keys) {
        Set<ParticipantDay> out = new HashSet<>();
        Map<LocalDate, List<UUID>> byDay = new LinkedHashMap<>();
        keys.forEach(k -> byDay.computeIfAbsent(k.day(), d -> new ArrayList<>()).add(k.participantId()));
        for (Map.Entry<LocalDate, List<UUID>> e : byDay.entrySet()) {
            for (UUID participant : Jdbc.listJoined(tx, PROBE_STATE, e.getValue(), CHUNK,
                    r -> r.getObject(1, UUID.class), e.getKey())) {
                out.add(new ParticipantDay(participant, e.getKey()));
            }
        }
        return out;
    }

    /**
     * {@link #writeState} for many participant-days, as two JDBC batches: days known to have no state row yet
     * ({@code rowless}, most of a catch-up) are inserted, the others merged (a merge looks the row up first).
     */
    public static void writeStates(Tx tx, UUID eventId, Map<ParticipantDay, CheckInState> states,
            Set<ParticipantDay> rowless) {
        if (states.isEmpty()) {
            return;
        }
        tx.dsl().connection(c -> {
            try (PreparedStatement insert = c.prepareStatement(INSERT_STATE);
                 PreparedStatement merge = c.prepareStatement(MERGE_STATE)) {
                for (Map.Entry<ParticipantDay, CheckInState> e : states.entrySet()) {
                    PreparedStatement statement = rowless.contains(e.getKey()) ? insert : merge;
                    CheckInState state = e.getValue();
                    statement.setObject(1, e.getKey().participantId());
                    statement.setObject(2, e.getKey().day());
                    statement.setObject(3, eventId);
                    statement.setBoolean(4, state.checkedIn());
                    Long first = state.firstAdmission() == null ? null : state.firstAdmission().wall();
                    statement.setObject(5, first, Types.BIGINT);
                    statement.setString(6, state.device());
                    statement.setBoolean(7, state.duplicate());
                    statement.setInt(8, state.reentries());
                    statement.addBatch();
                }
                insert.executeBatch();
                merge.executeBatch();
            }
        });
    }

    /** Stores an op made here just now (its id is new, so no duplicate check is needed). */
    public static void insert(Tx tx, CheckInOp op, UUID eventId, UUID canonical) {
        tx.dsl().connection(c -> {
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                bindInsert(tx, insert, op, eventId, canonical);
                insert.executeUpdate();
            }
        });
    }

    public static boolean exists(Tx tx, UUID opId) {
        return tx.dsl().fetchExists(CHECKIN_OP, CHECKIN_OP.OP_ID.eq(opId));
    }

    /** Numbers stored ops (op id -> seq) as one JDBC batch (the door's own ops, acknowledged or echoed; ADR 0330). */
    public static void setSeqs(Tx tx, Map<UUID, Long> seqByOp) {
        Jdbc.batch(tx, SET_SEQ, seqByOp.entrySet(), (update, e) -> {
            update.setLong(1, e.getValue());
            update.setObject(2, e.getKey());
        });
    }

    /** Clears the seqs of the event's ops: the server that numbered them lost some (see ServerRewind). */
    public static void forgetSeqs(Tx tx, UUID eventId) {
        tx.dsl().update(CHECKIN_OP).setNull(CHECKIN_OP.SEQ).where(CHECKIN_OP.EVENT_ID.eq(eventId)).execute();
    }

    /** The event's ops no feed entry numbered, as they were made. */
    public static List<CheckInOp> unnumbered(Tx tx, UUID eventId) {
        return tx.dsl().select(Bytes.col(CHECKIN_OP.BODY)).from(CHECKIN_OP)
                .where(CHECKIN_OP.EVENT_ID.eq(eventId)).and(CHECKIN_OP.SEQ.isNull()).orderBy(CHECKIN_OP.OP_ID)
                .fetch(r -> withoutSeq(OpCodec.decode(tx.cipher().openBytes(r.value1()))));
    }

    private static CheckInOp withoutSeq(CheckInOp op) {
        return op.seq() == null ? op : op.withoutSeq();
    }

    /**
     * Replaces a stored op by the same op stamped anew (same id; see {@code CheckInOp#restamped})
     * and re-derives the state of its participant-day, so the time the door shows is the
     * corrected one. Does nothing for an op not in the log.
     */
    public static void rewrite(Tx tx, CheckInOp op) {
        Record row = tx.dsl().select(CHECKIN_OP.EVENT_ID, CHECKIN_OP.CANONICAL_ID, CHECKIN_OP.CHECKIN_DAY)
                .from(CHECKIN_OP)
                .where(CHECKIN_OP.OP_ID.eq(op.opId())).fetchOne();
        if (row == null) {
            return;
        }
        UUID eventId = row.get(CHECKIN_OP.EVENT_ID);
        tx.dsl().update(CHECKIN_OP).set(CHECKIN_OP.BODY, Bytes.val(tx.cipher()
                .seal(OpCodec.encode(op.withEventId(eventId)))))
                .where(CHECKIN_OP.OP_ID.eq(op.opId())).execute();
        recompute(tx, eventId, row.get(CHECKIN_OP.CANONICAL_ID), row.get(CHECKIN_OP.CHECKIN_DAY));
    }

    /** Whether the first admission of this participant-day carries a time moved from a wrong clock. */
    public static boolean firstAdmissionCorrected(Tx tx, UUID canonical, LocalDate day) {
        List<CheckInOp> ops = ops(tx, canonical, day);
        return admissionCorrected(ops, CheckInMerge.stateOf(ops));
    }

    /** Whether the op behind {@code state}'s first admission carries a time moved from a wrong clock. */
    public static boolean admissionCorrected(List<CheckInOp> ops, CheckInState state) {
        return state.firstAdmission() != null && ops.stream()
                .anyMatch(o -> o.hlc().equals(state.firstAdmission()) && o.clockCorrectedMs() != null);
    }

    /** Every op that counts for this canonical participant on this day. */
    public static List<CheckInOp> ops(Tx tx, UUID canonical, LocalDate day) {
        return Jdbc.list(tx, OPS_OF_DAY, r -> {
            CheckInOp op = OpCodec.decode(tx.cipher().openBytes(r.getBytes(1)));
            Long seq = Jdbc.nullableLong(r, 2);
            return seq == null || op.seq() != null ? op : op.withSeq(seq);
        }, canonical, day);
    }

    public static int count(Tx tx) {
        return tx.dsl().fetchCount(CHECKIN_OP);
    }

    /**
     * Points a participant's ops at the participant they now count for. They are found by the one they counted for
     * ({@code before}, or the participant itself): the log keeps no index by participant (ADR 0324).
     *
     * @return the days that moved
     */
    public static Set<LocalDate> recanonicalize(Tx tx, UUID participant, UUID before, UUID canonical) {
        var theirs = CHECKIN_OP.CANONICAL_ID.in(participant, before).and(CHECKIN_OP.PARTICIPANT_ID.eq(participant));
        Set<LocalDate> days = new HashSet<>(tx.dsl().selectDistinct(CHECKIN_OP.CHECKIN_DAY).from(CHECKIN_OP)
                .where(theirs).fetch(CHECKIN_OP.CHECKIN_DAY));
        tx.dsl().update(CHECKIN_OP).set(CHECKIN_OP.CANONICAL_ID, canonical).where(theirs).execute();
        return days;
    }

    /** Re-derives and stores the state of one canonical participant-day from all of its ops. */
    public static CheckInState recompute(Tx tx, UUID eventId, UUID canonical, LocalDate day) {
        CheckInState state = CheckInMerge.stateOf(ops(tx, canonical, day));
        writeState(tx, eventId, canonical, day, state);
        return state;
    }

    public static void writeState(Tx tx, UUID eventId, UUID canonical, LocalDate day, CheckInState state) {
        Long first = state.firstAdmission() == null ? null : state.firstAdmission().wall();
        Jdbc.update(tx, MERGE_STATE, canonical, day, eventId, state.checkedIn(), first, state.device(),
                state.duplicate(), state.reentries());
    }

    /** Drops the state rows of a participant that no longer counts on its own (it was merged into another). */
    public static void clearState(Tx tx, UUID participant) {
        tx.dsl().deleteFrom(CHECKIN_STATE).where(CHECKIN_STATE.PARTICIPANT_ID.eq(participant)).execute();
    }

    public static DayState state(Tx tx, UUID canonical, LocalDate day) {
        Record r = tx.dsl().select(CHECKIN_STATE.fields()).from(CHECKIN_STATE)
                .where(CHECKIN_STATE.PARTICIPANT_ID.eq(canonical)).and(CHECKIN_STATE.CHECKIN_DAY.eq(day)).fetchOne();
        return r == null ? DayState.NONE : toDayState(r);
    }

    /** States of many participants on one day (for search results and lists). */
    public static Map<UUID, DayState> states(Tx tx, Collection<UUID> canonicals, LocalDate day) {
        Map<UUID, DayState> out = new HashMap<>();
        List<UUID> all = new ArrayList<>(canonicals);
        for (int i = 0; i < all.size(); i += 500) {
            tx.dsl().select(CHECKIN_STATE.fields()).from(CHECKIN_STATE)
                    .where(CHECKIN_STATE.PARTICIPANT_ID.in(
                            ConstantIds.of(all.subList(i, Math.min(all.size(), i + 500)))))
                    .and(CHECKIN_STATE.CHECKIN_DAY.eq(day))
                    .forEach(r -> out.put(r.get(CHECKIN_STATE.PARTICIPANT_ID), toDayState(r)));
        }
        return out;
    }

    /** Every participant-day of the event that is checked in (what search shows, loaded once at start). */
    public static List<ParticipantDay> checkedIn(Tx tx, UUID eventId) {
        return tx.dsl().select(CHECKIN_STATE.PARTICIPANT_ID, CHECKIN_STATE.CHECKIN_DAY).from(CHECKIN_STATE)
                .where(CHECKIN_STATE.EVENT_ID.eq(eventId)).and(CHECKIN_STATE.CHECKED_IN.isTrue())
                .fetch(r -> new ParticipantDay(r.value1(), r.value2()));
    }

    /** Canonical participants checked in on at least one day (a drawing's CHECKED_IN pool). */
    public static Set<UUID> checkedInOnAnyDay(Tx tx, UUID eventId) {
        return new HashSet<>(tx.dsl().selectDistinct(CHECKIN_STATE.PARTICIPANT_ID).from(CHECKIN_STATE)
                .where(CHECKIN_STATE.EVENT_ID.eq(eventId)).and(CHECKIN_STATE.CHECKED_IN.isTrue())
                .fetch(CHECKIN_STATE.PARTICIPANT_ID));
    }

    public static int checkedInCount(Tx tx, UUID eventId, LocalDate day) {
        return tx.dsl().fetchCount(CHECKIN_STATE, CHECKIN_STATE.EVENT_ID.eq(eventId)
                .and(CHECKIN_STATE.CHECKIN_DAY.eq(day))
                .and(CHECKIN_STATE.CHECKED_IN.isTrue()));
    }

    private static DayState toDayState(Record r) {
        Long first = r.get(CHECKIN_STATE.FIRST_ADMITTED_AT);
        return new DayState(r.get(CHECKIN_STATE.CHECKED_IN), first == null ? null : Instant.ofEpochMilli(first),
                r.get(CHECKIN_STATE.FIRST_DEVICE), r.get(CHECKIN_STATE.DUPLICATE_ADMISSION),
                r.get(CHECKIN_STATE.REENTRIES));
    }
}
