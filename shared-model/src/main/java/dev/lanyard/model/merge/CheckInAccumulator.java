package dev.lanyard.model.merge;

import dev.lanyard.model.CheckInOp;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The check-in merge rule applied one op at a time, for replicas that receive ops as a stream.
 * After any sequence of {@link #apply} calls, {@link #state()} equals
 * {@link CheckInMerge#stateOf} of the set of ops applied; applying an op twice changes nothing.
 * Not thread-safe: one participant-day belongs to one writer at a time.
 */
public final class CheckInAccumulator {
    private final Map<UUID, CheckInOp> checkIns = new HashMap<>(4);
    private Set<UUID> undos;
    private Set<UUID> cancelled;
    private int liveFirstAdmissions;
    private int liveReentries;
    private CheckInOp earliestLive;

    /** @return whether the op was new (false for a duplicate delivery) */
    public boolean apply(CheckInOp op) {
        if (op.isCheckIn()) {
            if (checkIns.putIfAbsent(op.opId(), op) != null) {
                return false;
            }
            if (cancelled == null || !cancelled.contains(op.opId())) {
                addLive(op);
            }
            return true;
        }
        if (undos == null) {
            undos = new HashSet<>(2);
            cancelled = new HashSet<>(4);
        }
        if (!undos.add(op.opId())) {
            return false;
        }
        boolean earliestCancelled = false;
        for (UUID id : op.observed()) {
            if (cancelled.add(id)) {
                CheckInOp target = checkIns.get(id);
                if (target != null) {
                    removeLive(target);
                    earliestCancelled |= target == earliestLive;
                }
            }
        }
        if (earliestCancelled) {
            earliestLive = null;
            for (CheckInOp candidate : checkIns.values()) {
                if (!cancelled.contains(candidate.opId()) && isEarlier(candidate)) {
                    earliestLive = candidate;
                }
            }
        }
        return true;
    }

    public boolean checkedIn() {
        return earliestLive != null;
    }

    public CheckInState state() {
        if (earliestLive == null) {
            return CheckInState.NONE;
        }
        Set<UUID> live = new HashSet<>();
        for (UUID id : checkIns.keySet()) {
            if (cancelled == null || !cancelled.contains(id)) {
                live.add(id);
            }
        }
        return new CheckInState(true, earliestLive.hlc(), earliestLive.deviceId(), liveFirstAdmissions > 1, liveReentries, live);
    }

    private void addLive(CheckInOp op) {
        if (op.isReentry()) {
            liveReentries++;
        } else {
            liveFirstAdmissions++;
        }
        if (isEarlier(op)) {
            earliestLive = op;
        }
    }

    private void removeLive(CheckInOp op) {
        if (op.isReentry()) {
            liveReentries--;
        } else {
            liveFirstAdmissions--;
        }
    }

    private boolean isEarlier(CheckInOp op) {
        return earliestLive == null || CheckInMerge.ADMISSION_ORDER.compare(op, earliestLive) < 0;
    }
}
