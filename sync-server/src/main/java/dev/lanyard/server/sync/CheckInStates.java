package dev.lanyard.server.sync;

import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.merge.CheckInMerge;
import dev.lanyard.model.merge.CheckInState;
import dev.lanyard.model.merge.ParticipantDay;
import dev.lanyard.server.db.BatchStatement;
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
 * one count for that one. Every participant-day a batch touches is recomputed from all of its
 * ops with {@link CheckInMerge#stateOf}, so the table is always the pure function of the op set
 * that the design demands, whatever order ops arrived in.
 *
 * <p>Every participant-day with ops has a row (a day whose ops cancel out keeps a row saying
 * "not checked in"). So a participant-day without a row has no earlier ops: for a first
 * admission, by far the most common op, the ops of this batch are all there is, and nothing is
 * read back. Only a participant-day that already has a row (re-entry, undo, a second door) reads
 * its earlier ops; a merge or un-merge of participants recomputes every day of both sides.
 */
final class CheckInStates {
    private static final LocalDate ALL_DAYS_FROM = LocalDate.of(1, 1, 1);
    private static final LocalDate ALL_DAYS_TO = LocalDate.of(9999, 12, 31);
    private final DSLContext tx;
    private final UUID eventId;
    private final CheckInSql sql;
    private final Map<ParticipantDay, List<CheckInOp>> added = new HashMap<>();
    private final Map<UUID, CheckInOp> addedById = new HashMap<>();
    private final Set<UUID> dirtyAllDays = new HashSet<>();
    private final Set<UUID> noLongerCanonical = new HashSet<>();

    CheckInStates(DSLContext tx, UUID eventId, CheckInSql sql) {
        this.tx = tx;
        this.eventId = eventId;
        this.sql = sql;
    }

    void opAdded(UUID canonical, CheckInOp op) {
        added.computeIfAbsent(new ParticipantDay(canonical, op.day()), k -> new ArrayList<>(1)).add(op);
        addedById.put(op.opId(), op);
    }

    void mergeChanged(UUID participant, UUID oldTarget, UUID newTarget) {
        dirtyAllDays.add(oldTarget == null ? participant : oldTarget);
        dirtyAllDays.add(newTarget == null ? participant : newTarget);
        if (newTarget != null) {
            noLongerCanonical.add(participant);
        }
    }

    /** Writes the rows of every participant-day touched since the last call. */
    void recompute() {
        if (added.isEmpty() && dirtyAllDays.isEmpty()) {
            return;
        }
        Set<UUID> allDays = new HashSet<>(dirtyAllDays);
        allDays.removeAll(noLongerCanonical);
        Set<UUID> touched = new HashSet<>();
        for (ParticipantDay key : added.keySet()) {
            if (!allDays.contains(key.participantId()) && !noLongerCanonical.contains(key.participantId())) {
                touched.add(key.participantId());
            }
        }
        Set<ParticipantDay> existing = new HashSet<>(sql.stateRows.fetch(tx, touched, eventId));

        Map<ParticipantDay, List<CheckInOp>> inserted = new HashMap<>();
        Set<ParticipantDay> updated = new HashSet<>();
        added.forEach((key, ops) -> {
            if (!touched.contains(key.participantId())) {
                return; // recomputed with all days below, or no longer canonical
            }
            if (existing.contains(key)) {
                updated.add(key);
            } else {
                inserted.put(key, ops);
            }
        });
        Map<ParticipantDay, List<CheckInOp>> fromLog = opsFromLog(allDays, updated);
        fromLog.forEach((key, ops) -> {
            if (allDays.contains(key.participantId())) {
                inserted.put(key, ops);
            }
        });

        Set<UUID> replaced = new HashSet<>(allDays);
        replaced.addAll(noLongerCanonical);
        BatchStatement.Rows deletes = sql.deleteStates.rows();
        replaced.forEach(p -> deletes.add(p, eventId));
        deletes.execute(tx);
        BatchStatement.Rows updates = sql.updateState.rows();
        for (ParticipantDay key : updated) {
            CheckInState state = CheckInMerge.stateOf(fromLog.getOrDefault(key, List.of()));
            updates.add(state.checkedIn(), state.firstAdmission() == null ? null : state.firstAdmission().wall(),
                    state.device(),
                    state.duplicate(), state.reentries(), key.participantId(), key.day(), eventId);
        }
        updates.execute(tx);
        BatchStatement.Rows inserts = sql.insertState.rows();
        inserted.forEach((key, ops) -> {
            CheckInState state = CheckInMerge.stateOf(ops);
            inserts.add(eventId, key.participantId(), key.day(), state.checkedIn(),
                    state.firstAdmission() == null ? null : state.firstAdmission().wall(), state.device(),
                    state.duplicate(), state.reentries());
        });
        inserts.execute(tx);
        added.clear();
        addedById.clear();
        dirtyAllDays.clear();
        noLongerCanonical.clear();
    }

    /**
     * All stored ops (this batch's included: the change log is written before this runs) of every
     * day of {@code allDays} and of the participant-days in {@code days}, by canonical participant
     * and day; the ops of participants merged into a canonical one count for it.
     */
    private Map<ParticipantDay, List<CheckInOp>> opsFromLog(Set<UUID> allDays, Set<ParticipantDay> days) {
        Map<ParticipantDay, List<CheckInOp>> grouped = new HashMap<>();
        Set<UUID> canonicals = new HashSet<>(allDays);
        days.forEach(d -> canonicals.add(d.participantId()));
        if (canonicals.isEmpty()) {
            return grouped;
        }
        Map<UUID, UUID> memberToCanonical = new HashMap<>();
        canonicals.forEach(c -> memberToCanonical.put(c, c));
        for (UUID[] member : sql.membersOf.fetch(tx, canonicals)) {
            memberToCanonical.put(member[0], member[1]);
        }
        // a re-entry or undo needs its own day's ops only (every day only for a merge): the other days of a
        // multi-day event are not read back and parsed
        LocalDate from = allDays.isEmpty() ? days.stream().map(ParticipantDay::day).min(LocalDate::compareTo)
                .orElseThrow() : ALL_DAYS_FROM;
        LocalDate to = allDays.isEmpty() ? days.stream().map(ParticipantDay::day).max(LocalDate::compareTo)
                .orElseThrow() : ALL_DAYS_TO;
        for (CheckInSql.StoredOp stored : sql.opsOfParticipants.fetch(tx, memberToCanonical.keySet(), eventId, from,
                to)) {
            // ops of this batch are at hand; only older ones are read back from their JSON
            CheckInOp known = addedById.get(stored.opId());
            CheckInOp op = known != null ? known : Json.read(stored.body(), CheckInOp.class);
            ParticipantDay key = new ParticipantDay(memberToCanonical.get(op.participantId()), op.day());
            if (allDays.contains(key.participantId()) || days.contains(key)) {
                grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(op);
            }
        }
        return grouped;
    }
}
