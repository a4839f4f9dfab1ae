package dev.lanyard.model.merge;

import dev.lanyard.model.CheckInOp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** Up to this many ops, a participant-day's state is derived without hashing (quadratic, but tiny). */
    private static final int SHORT_LOG = 8;

    private CheckInMerge() {
    }

    /** State of one participant-day from all of its ops (duplicates allowed). */
    public static CheckInState stateOf(Iterable<CheckInOp> ops) {
        List<CheckInOp> list;
        if (ops instanceof List<CheckInOp> given) {
            list = given;
        } else {
            list = new ArrayList<>();
            ops.forEach(list::add);
        }
        if (list.size() == 1) {
            return stateOfOne(list.get(0));
        }
        return list.size() <= SHORT_LOG ? stateOfShort(list) : stateOfLong(list);
    }

    /** Most participant-days hold one op: a first admission. */
    private static CheckInState stateOfOne(CheckInOp op) {
        if (!op.isCheckIn()) {
            return CheckInState.NONE;
        }
        return new CheckInState(true, op.hlc(), op.deviceId(), false, op.isReentry() ? 1 : 0, Set.of(op.opId()));
    }

    /** A few ops: comparing ids pairwise costs less than hashing them into sets. */
    private static CheckInState stateOfShort(List<CheckInOp> ops) {
        CheckInOp[] live = new CheckInOp[ops.size()];
        int count = 0;
        boolean anyUndo = false;
        for (int i = 0, n = ops.size(); i < n && !anyUndo; i++) {
            anyUndo = !ops.get(i).isCheckIn();
        }
        for (int i = 0, n = ops.size(); i < n; i++) {
            CheckInOp op = ops.get(i);
            if (op.isCheckIn() && !(anyUndo && cancelledIn(ops, op.opId())) && !contains(live, count, op.opId())) {
                live[count++] = op;
            }
        }
        return ofLive(live, count);
    }

    private static boolean cancelledIn(List<CheckInOp> ops, UUID checkIn) {
        for (int i = 0, n = ops.size(); i < n; i++) {
            CheckInOp op = ops.get(i);
            if (!op.isCheckIn() && op.observed().contains(checkIn)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(CheckInOp[] ops, int count, UUID id) {
        for (int i = 0; i < count; i++) {
            if (ops[i].opId().equals(id)) {
                return true;
            }
        }
        return false;
    }

    private static CheckInState stateOfLong(List<CheckInOp> ops) {
        Map<UUID, CheckInOp> checkIns = new HashMap<>();
        Set<UUID> cancelled = new HashSet<>();
        for (CheckInOp op : ops) {
            if (op.isCheckIn()) {
                checkIns.putIfAbsent(op.opId(), op);
            } else {
                cancelled.addAll(op.observed());
            }
        }
        CheckInOp[] live = checkIns.values().stream().filter(op -> !cancelled.contains(op.opId()))
                .toArray(CheckInOp[]::new);
        return ofLive(live, live.length);
    }

    /** The state of a participant-day whose live admissions (distinct ids, none cancelled) are live[0..count). */
    private static CheckInState ofLive(CheckInOp[] live, int count) {
        if (count == 0) {
            return CheckInState.NONE;
        }
        CheckInOp earliest = live[0];
        int reentries = 0;
        UUID[] ids = new UUID[count];
        for (int i = 0; i < count; i++) {
            CheckInOp op = live[i];
            ids[i] = op.opId();
            if (op.isReentry()) {
                reentries++;
            }
            // not live[0] with itself: equal stamps are told apart by their node names, a string compare
            if (i > 0 && ADMISSION_ORDER.compare(op, earliest) < 0) {
                earliest = op;
            }
        }
        return new CheckInState(true, earliest.hlc(), earliest.deviceId(), count - reentries > 1, reentries,
                Set.of(ids));
    }

    /** States of every participant-day that has ops in the set. */
    public static Map<ParticipantDay, CheckInState> statesOf(Iterable<CheckInOp> ops) {
        Map<ParticipantDay, List<CheckInOp>> grouped = new LinkedHashMap<>();
        for (CheckInOp op : ops) {
            grouped.computeIfAbsent(new ParticipantDay(op.participantId(), op.day()), k -> new ArrayList<>())
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
