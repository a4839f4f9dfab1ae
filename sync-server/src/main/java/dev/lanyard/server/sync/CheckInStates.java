package dev.lanyard.server.sync;

import static dev.lanyard.server.db.jooq.Tables.CHANGE_LOG;
import static dev.lanyard.server.db.jooq.Tables.CHECKIN_OP;
import static dev.lanyard.server.db.jooq.Tables.CHECKIN_STATE;
import static dev.lanyard.server.db.jooq.Tables.PARTICIPANT;

import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.merge.CheckInMerge;
import dev.lanyard.model.merge.CheckInState;
import dev.lanyard.model.merge.ParticipantDay;
import dev.lanyard.server.db.BatchInsert;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Keeps the derived check-in table in step with the op log, inside the writing transaction.
 * State is kept per canonical participant and day: ops of participants merged into another
 * one count for that one. Every day of every affected canonical participant is recomputed from
 * all of its ops with {@link CheckInMerge#stateOf}, so the table is always the pure function of
 * the op set that the design demands, whatever order ops arrived in.
 *
 * <p>A canonical participant without any state row has no ops yet (every op leaves a row for its
 * canonical participant and day), so for a first admission the ops of this batch are all there
 * is and nothing needs to be read back.
 */
final class CheckInStates {
    private final DSLContext tx;
    private final UUID eventId;
    private final BatchInsert insert;
    private final Set<UUID> dirty = new HashSet<>();
    private final Set<UUID> dirtyAllDays = new HashSet<>();
    private final Set<UUID> noLongerCanonical = new HashSet<>();
    private final Map<UUID, CheckInOp> added = new HashMap<>();
    private final Map<UUID, UUID> addedCanonical = new HashMap<>();

    CheckInStates(DSLContext tx, UUID eventId, BatchInsert insert) {
        this.tx = tx;
        this.eventId = eventId;
        this.insert = insert;
    }

    static BatchInsert insertStatement(DSLContext dsl) {
        return new BatchInsert(dsl, CHECKIN_STATE, CHECKIN_STATE.EVENT_ID, CHECKIN_STATE.PARTICIPANT_ID, CHECKIN_STATE.CHECKIN_DAY,
                CHECKIN_STATE.CHECKED_IN, CHECKIN_STATE.FIRST_ADMITTED_AT, CHECKIN_STATE.FIRST_DEVICE,
                CHECKIN_STATE.DUPLICATE_ADMISSION, CHECKIN_STATE.REENTRIES);
    }

    void opAdded(UUID canonical, CheckInOp op) {
        dirty.add(canonical);
        added.put(op.opId(), op);
        addedCanonical.put(op.opId(), canonical);
    }

    void mergeChanged(UUID participant, UUID oldTarget, UUID newTarget) {
        dirtyAllDays.add(oldTarget == null ? participant : oldTarget);
        dirtyAllDays.add(newTarget == null ? participant : newTarget);
        if (newTarget != null) {
            noLongerCanonical.add(participant);
        }
    }

    void recompute() {
        if (dirty.isEmpty() && dirtyAllDays.isEmpty()) {
            return;
        }
        Set<UUID> canonicals = new HashSet<>(dirtyAllDays);
        canonicals.addAll(dirty);
        canonicals.removeAll(noLongerCanonical);
        // canonical participants with history are recomputed from the log; the others from this batch alone
        Set<UUID> withHistory = new HashSet<>(dirtyAllDays);
        withHistory.retainAll(canonicals);
        Set<UUID> fresh = new HashSet<>(dirty);
        fresh.removeAll(withHistory);
        fresh.removeAll(noLongerCanonical);
        for (List<UUID> chunk : PushService.chunks(fresh)) {
            withHistory.addAll(tx.select(CHECKIN_STATE.PARTICIPANT_ID).from(CHECKIN_STATE)
                    .where(CHECKIN_STATE.EVENT_ID.eq(eventId)).and(CHECKIN_STATE.PARTICIPANT_ID.in(chunk)).fetch(CHECKIN_STATE.PARTICIPANT_ID));
        }
        fresh.removeAll(withHistory);

        Map<ParticipantDay, List<CheckInOp>> grouped = new HashMap<>();
        for (Map.Entry<UUID, CheckInOp> e : added.entrySet()) {
            UUID canonical = addedCanonical.get(e.getKey());
            if (fresh.contains(canonical)) {
                grouped.computeIfAbsent(new ParticipantDay(canonical, e.getValue().day()), k -> new ArrayList<>()).add(e.getValue());
            }
        }
        if (!withHistory.isEmpty()) {
            Map<UUID, UUID> memberToCanonical = new HashMap<>();
            for (UUID c : withHistory) {
                memberToCanonical.put(c, c);
            }
            for (List<UUID> chunk : PushService.chunks(withHistory)) {
                tx.select(PARTICIPANT.ID, PARTICIPANT.MERGED_INTO).from(PARTICIPANT).where(PARTICIPANT.MERGED_INTO.in(chunk))
                        .forEach(r -> memberToCanonical.put(r.value1(), r.value2()));
            }
            for (List<UUID> chunk : PushService.chunks(memberToCanonical.keySet())) {
                for (var row : tx.select(CHECKIN_OP.OP_ID, CHANGE_LOG.BODY).from(CHECKIN_OP)
                        .join(CHANGE_LOG).on(CHANGE_LOG.EVENT_ID.eq(CHECKIN_OP.EVENT_ID)).and(CHANGE_LOG.SEQ.eq(CHECKIN_OP.SEQ))
                        .where(CHECKIN_OP.PARTICIPANT_ID.in(chunk)).and(CHECKIN_OP.EVENT_ID.eq(eventId)).fetch()) {
                    // ops of this batch are at hand; only older ones are read back from their JSON
                    CheckInOp known = added.get(row.value1());
                    CheckInOp op = known != null ? known : Json.read(row.value2(), CheckInOp.class);
                    grouped.computeIfAbsent(new ParticipantDay(memberToCanonical.get(op.participantId()), op.day()), k -> new ArrayList<>()).add(op);
                }
            }
            Set<UUID> replaced = new HashSet<>(withHistory);
            replaced.addAll(noLongerCanonical);
            for (List<UUID> chunk : PushService.chunks(replaced)) {
                tx.deleteFrom(CHECKIN_STATE).where(CHECKIN_STATE.EVENT_ID.eq(eventId)).and(CHECKIN_STATE.PARTICIPANT_ID.in(chunk)).execute();
            }
        } else if (!noLongerCanonical.isEmpty()) {
            for (List<UUID> chunk : PushService.chunks(noLongerCanonical)) {
                tx.deleteFrom(CHECKIN_STATE).where(CHECKIN_STATE.EVENT_ID.eq(eventId)).and(CHECKIN_STATE.PARTICIPANT_ID.in(chunk)).execute();
            }
        }
        BatchInsert.Rows rows = insert.rows();
        grouped.forEach((key, ops) -> {
            CheckInState state = CheckInMerge.stateOf(ops);
            rows.add(eventId, key.participantId(), key.day(), state.checkedIn(),
                    state.firstAdmission() == null ? null : state.firstAdmission().wall(), state.device(), state.duplicate(), state.reentries());
        });
        rows.execute(tx);
        dirty.clear();
        added.clear();
        addedCanonical.clear();
        dirtyAllDays.clear();
        noLongerCanonical.clear();
    }
}
