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
import org.jooq.Query;

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

    void opAdded(UUID canonical, LocalDate day) {
        dirty.add(new ParticipantDay(canonical, day));
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
        Map<ParticipantDay, List<CheckInOp>> grouped = new HashMap<>();
        for (List<UUID> chunk : PushService.chunks(memberToCanonical.keySet())) {
            for (String body : tx.select(CHECKIN_OP.BODY).from(CHECKIN_OP)
                    .where(CHECKIN_OP.EVENT_ID.eq(eventId)).and(CHECKIN_OP.PARTICIPANT_ID.in(chunk)).fetch(CHECKIN_OP.BODY)) {
                CheckInOp op = Json.read(body, CheckInOp.class);
                UUID canonical = memberToCanonical.get(op.participantId());
                ParticipantDay key = new ParticipantDay(canonical, op.day());
                if (dirtyAllDays.contains(canonical) || dirty.contains(key)) {
                    grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(op);
                }
            }
        }
        List<Query> writes = new ArrayList<>();
        Set<UUID> wipe = new HashSet<>(noLongerCanonical);
        for (UUID c : dirtyAllDays) {
            if (canonicals.contains(c)) {
                wipe.add(c);
            }
        }
        for (List<UUID> chunk : PushService.chunks(wipe)) {
            writes.add(tx.deleteFrom(CHECKIN_STATE).where(CHECKIN_STATE.EVENT_ID.eq(eventId)).and(CHECKIN_STATE.PARTICIPANT_ID.in(chunk)));
        }
        grouped.forEach((key, ops) -> writes.add(upsert(key, CheckInMerge.stateOf(ops))));
        if (!writes.isEmpty()) {
            tx.batch(writes).execute();
        }
        dirty.clear();
        dirtyAllDays.clear();
        noLongerCanonical.clear();
    }

    private Query upsert(ParticipantDay key, CheckInState state) {
        Long first = state.firstAdmission() == null ? null : state.firstAdmission().wall();
        return tx.insertInto(CHECKIN_STATE)
                .set(CHECKIN_STATE.EVENT_ID, eventId)
                .set(CHECKIN_STATE.PARTICIPANT_ID, key.participantId())
                .set(CHECKIN_STATE.CHECKIN_DAY, key.day())
                .set(CHECKIN_STATE.CHECKED_IN, state.checkedIn())
                .set(CHECKIN_STATE.FIRST_ADMITTED_AT, first)
                .set(CHECKIN_STATE.FIRST_DEVICE, state.device())
                .set(CHECKIN_STATE.DUPLICATE_ADMISSION, state.duplicate())
                .set(CHECKIN_STATE.REENTRIES, state.reentries())
                .onConflict(CHECKIN_STATE.EVENT_ID, CHECKIN_STATE.PARTICIPANT_ID, CHECKIN_STATE.CHECKIN_DAY)
                .doUpdate()
                .set(CHECKIN_STATE.CHECKED_IN, state.checkedIn())
                .set(CHECKIN_STATE.FIRST_ADMITTED_AT, first)
                .set(CHECKIN_STATE.FIRST_DEVICE, state.device())
                .set(CHECKIN_STATE.DUPLICATE_ADMISSION, state.duplicate())
                .set(CHECKIN_STATE.REENTRIES, state.reentries());
    }
}
