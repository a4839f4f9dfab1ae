package dev.lanyard.server.sync;

import static dev.lanyard.server.db.jooq.Tables.CHECKIN_OP;
import static dev.lanyard.server.db.jooq.Tables.CHECKIN_STATE;
import static dev.lanyard.server.db.jooq.Tables.PARTICIPANT;

import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.merge.CheckInMerge;
import dev.lanyard.model.merge.CheckInState;
import dev.lanyard.model.merge.ParticipantDay;
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
 * Keeps the derived check-in table in step with the op log, inside the writing transaction.
 * State is kept per canonical participant and day: ops of participants merged into another
 * one count for that one. Each affected participant-day is recomputed from all of its ops with
 * {@link CheckInMerge#stateOf}, so the table is always the pure function of the op set that
 * the design demands, whatever order ops arrived in.
 */
final class CheckInStates {
    private final DSLContext tx;
    private final UUID eventId;
    private final Set<ParticipantDay> dirty = new HashSet<>();
    private final Set<UUID> dirtyAllDays = new HashSet<>();
    private final Set<UUID> noLongerCanonical = new HashSet<>();

    CheckInStates(DSLContext tx, UUID eventId) {
        this.tx = tx;
        this.eventId = eventId;
    }

    private final Map<UUID, CheckInOp> added = new HashMap<>();

    void opAdded(UUID canonical, CheckInOp op) {
        dirty.add(new ParticipantDay(canonical, op.day()));
        added.put(op.opId(), op);
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
        dirty.forEach(k -> canonicals.add(k.participantId()));
        canonicals.removeAll(noLongerCanonical);
        Map<UUID, UUID> memberToCanonical = new HashMap<>();
        for (UUID c : canonicals) {
            memberToCanonical.put(c, c);
        }
        for (List<UUID> chunk : PushService.chunks(canonicals)) {
            tx.select(PARTICIPANT.ID, PARTICIPANT.MERGED_INTO).from(PARTICIPANT).where(PARTICIPANT.MERGED_INTO.in(chunk))
                    .forEach(r -> memberToCanonical.put(r.value1(), r.value2()));
        }
        // every day of every affected canonical participant is recomputed from all of its members' ops,
        // so the rows can be replaced wholesale: one delete and one multi-row insert per batch
        Map<ParticipantDay, List<CheckInOp>> grouped = new HashMap<>();
        for (List<UUID> chunk : PushService.chunks(memberToCanonical.keySet())) {
            for (var row : tx.select(CHECKIN_OP.OP_ID, CHECKIN_OP.BODY).from(CHECKIN_OP)
                    .where(CHECKIN_OP.EVENT_ID.eq(eventId)).and(CHECKIN_OP.PARTICIPANT_ID.in(chunk)).fetch()) {
                // ops of this batch are at hand; only older ones are read back from their JSON
                CheckInOp known = added.get(row.value1());
                CheckInOp op = known != null ? known : Json.read(row.value2(), CheckInOp.class);
                grouped.computeIfAbsent(new ParticipantDay(memberToCanonical.get(op.participantId()), op.day()), k -> new ArrayList<>()).add(op);
            }
        }
        Set<UUID> replaced = new HashSet<>(canonicals);
        replaced.addAll(noLongerCanonical);
        for (List<UUID> chunk : PushService.chunks(replaced)) {
            tx.deleteFrom(CHECKIN_STATE).where(CHECKIN_STATE.EVENT_ID.eq(eventId)).and(CHECKIN_STATE.PARTICIPANT_ID.in(chunk)).execute();
        }
        List<Map.Entry<ParticipantDay, List<CheckInOp>>> rows = new ArrayList<>(grouped.entrySet());
        for (List<Map.Entry<ParticipantDay, List<CheckInOp>>> chunk : PushService.chunks(rows)) {
            var insert = tx.insertInto(CHECKIN_STATE, CHECKIN_STATE.EVENT_ID, CHECKIN_STATE.PARTICIPANT_ID, CHECKIN_STATE.CHECKIN_DAY,
                    CHECKIN_STATE.CHECKED_IN, CHECKIN_STATE.FIRST_ADMITTED_AT, CHECKIN_STATE.FIRST_DEVICE,
                    CHECKIN_STATE.DUPLICATE_ADMISSION, CHECKIN_STATE.REENTRIES);
            for (Map.Entry<ParticipantDay, List<CheckInOp>> e : chunk) {
                CheckInState state = CheckInMerge.stateOf(e.getValue());
                insert = insert.values(eventId, e.getKey().participantId(), e.getKey().day(), state.checkedIn(),
                        state.firstAdmission() == null ? null : state.firstAdmission().wall(), state.device(), state.duplicate(), state.reentries());
            }
            insert.execute();
        }
        dirty.clear();
        added.clear();
        dirtyAllDays.clear();
        noLongerCanonical.clear();
    }
}
