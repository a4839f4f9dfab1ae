package dev.lanyard.model.merge;

import dev.lanyard.model.CheckInOp;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The check-in merge rule as a pure function of a set of ops: an enable-wins flag.
 *
 * <p>A CHECK_IN adds its id; an UNDO removes exactly the ids in its {@code observed} set. A
 * participant-day is checked in iff some CHECK_IN id is cancelled by no UNDO. An UNDO that saw
 * a check-in therefore wins over it (a deliberate correction), and a CHECK_IN the UNDO did not
 * see survives it (concurrent admission at another door). The result depends only on which
 * ops are in the set: not on their order, duplicates, arrival time or any wall clock, so every
 * replica holding the same ops shows the same state.
 *
 * <p>The one check-in merge: the kiosk ({@code ChangeApplier}, {@code CheckInLog}) and the server
 * ({@code CheckInStates}) re-derive every participant-day a batch touched with {@link #stateOf}
 * over all of its ops.
 */
public final class CheckInMerge {
    /** Earliest admission first; op id settles exact HLC ties so the choice is the same everywhere. */
    static final Comparator<CheckInOp> ADMISSION_ORDER = (a, b) -> {
        int byHlc = a.hlc().compareTo(b.hlc());
        return byHlc != 0 ? byHlc : a.opId().compareTo(b.opId());
    };

    private CheckInMerge() {
    }

    /** State of one participant-day from all of its ops (duplicates allowed). */
    public static CheckInState stateOf(Iterable<CheckInOp> ops) {
        Map<UUID, CheckInOp> checkIns = new HashMap<>();
        Set<UUID> cancelled = new HashSet<>();
        for (CheckInOp op : ops) {
            if (op.isCheckIn()) {
                checkIns.putIfAbsent(op.opId(), op);
            } else {
                cancelled.addAll(op.observed());
            }
        }
        CheckInOp earliest = null;
        int firstAdmissions = 0;
        int reentries = 0;
        Set<UUID> live = new HashSet<>();
        for (CheckInOp op : checkIns.values()) {
            if (cancelled.contains(op.opId())) {
                continue;
            }
            live.add(op.opId());
            if (op.isReentry()) {
                reentries++;
            } else {
                firstAdmissions++;
            }
            if (earliest == null || ADMISSION_ORDER.compare(op, earliest) < 0) {
                earliest = op;
            }
        }
        if (earliest == null) {
            return CheckInState.NONE;
        }
        return new CheckInState(true, earliest.hlc(), earliest.deviceId(), firstAdmissions > 1, reentries, live);
    }

    /** States of every participant-day that has ops in the set. */
    public static Map<ParticipantDay, CheckInState> statesOf(Iterable<CheckInOp> ops) {
        Map<ParticipantDay, java.util.List<CheckInOp>> grouped = new LinkedHashMap<>();
        for (CheckInOp op : ops) {
            grouped.computeIfAbsent(new ParticipantDay(op.participantId(), op.day()), k -> new java.util.ArrayList<>())
                    .add(op);
        }
        Map<ParticipantDay, CheckInState> states = new HashMap<>();
        grouped.forEach((key, group) -> states.put(key, stateOf(group)));
        return states;
    }

    /**
     * True when {@code undo} (made by this device) lost: the participant-day is still checked
     * in because of an admission the undo had not seen. The UI tells staff so.
     */
    public static boolean undoOverturned(CheckInOp undo, CheckInState state) {
        if (undo.isCheckIn() || !state.checkedIn()) {
            return false;
        }
        for (UUID live : state.liveCheckIns()) {
            if (!undo.observed().contains(live)) {
                return true;
            }
        }
        return false;
    }
}
