package dev.lanyard.model.merge;

import dev.lanyard.model.CheckInOp;
import java.util.Arrays;
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
 *
 * <p>Almost every participant-day holds one to three ops, so ids live in small arrays searched
 * linearly, with a hash index only past {@link #INDEX_THRESHOLD}; a replica holds hundreds of
 * thousands of these and per-object hash maps cost more in garbage collection than they save.
 */
public final class CheckInAccumulator {
    private static final int INDEX_THRESHOLD = 16;
    private static final CheckInOp[] NO_OPS = new CheckInOp[0];

    // the first check-in is kept inline; most participant-days never get a second one
    private CheckInOp firstCheckIn;
    // copies of the fields the hot path compares, so that a duplicate check and an admission-order
    // check read this object only instead of following pointers to other ops (a cache miss each)
    private long firstIdMsb;
    private long firstIdLsb;
    private long earliestWall;
    private CheckInOp[] checkIns = NO_OPS;
    private int checkInCount;
    private Map<UUID, CheckInOp> checkInIndex;
    private IdSet undos;
    private IdSet cancelled;
    private int liveFirstAdmissions;
    private int liveReentries;
    private CheckInOp earliestLive;

    /** @return whether the op was new (false for a duplicate delivery) */
    public boolean apply(CheckInOp op) {
        if (op.isCheckIn()) {
            if (findCheckIn(op.opId()) != null) {
                return false;
            }
            addCheckIn(op);
            if (!isCancelled(op.opId())) {
                addLive(op);
            }
            return true;
        }
        if (undos == null) {
            undos = new IdSet();
            cancelled = new IdSet();
        }
        if (!undos.add(op.opId())) {
            return false;
        }
        boolean earliestCancelled = false;
        for (UUID id : op.observed()) {
            if (cancelled.add(id)) {
                CheckInOp target = findCheckIn(id);
                if (target != null) {
                    removeLive(target);
                    earliestCancelled |= target == earliestLive;
                }
            }
        }
        if (earliestCancelled) {
            setEarliestLive(null);
            if (firstCheckIn != null && !cancelled.contains(firstCheckIn.opId())) {
                setEarliestLive(firstCheckIn);
            }
            for (int i = 0; i < checkInCount; i++) {
                CheckInOp candidate = checkIns[i];
                if (!cancelled.contains(candidate.opId()) && isEarlier(candidate)) {
                    setEarliestLive(candidate);
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
        if (!isCancelled(firstCheckIn.opId())) {
            live.add(firstCheckIn.opId());
        }
        for (int i = 0; i < checkInCount; i++) {
            if (!isCancelled(checkIns[i].opId())) {
                live.add(checkIns[i].opId());
            }
        }
        return new CheckInState(true, earliestLive.hlc(), earliestLive.deviceId(), liveFirstAdmissions > 1, liveReentries, live);
    }

    private boolean isCancelled(UUID id) {
        return cancelled != null && cancelled.contains(id);
    }

    private CheckInOp findCheckIn(UUID id) {
        if (firstCheckIn != null && firstIdMsb == id.getMostSignificantBits() && firstIdLsb == id.getLeastSignificantBits()) {
            return firstCheckIn;
        }
        if (checkInIndex != null) {
            return checkInIndex.get(id);
        }
        for (int i = 0; i < checkInCount; i++) {
            if (checkIns[i].opId().equals(id)) {
                return checkIns[i];
            }
        }
        return null;
    }

    private void addCheckIn(CheckInOp op) {
        if (firstCheckIn == null) {
            firstCheckIn = op;
            firstIdMsb = op.opId().getMostSignificantBits();
            firstIdLsb = op.opId().getLeastSignificantBits();
            return;
        }
        if (checkInCount == checkIns.length) {
            checkIns = Arrays.copyOf(checkIns, Math.max(2, checkInCount * 2));
        }
        checkIns[checkInCount++] = op;
        if (checkInIndex != null) {
            checkInIndex.put(op.opId(), op);
        } else if (checkInCount > INDEX_THRESHOLD) {
            checkInIndex = new HashMap<>();
            for (int i = 0; i < checkInCount; i++) {
                checkInIndex.put(checkIns[i].opId(), checkIns[i]);
            }
        }
    }

    private void addLive(CheckInOp op) {
        if (op.isReentry()) {
            liveReentries++;
        } else {
            liveFirstAdmissions++;
        }
        if (isEarlier(op)) {
            setEarliestLive(op);
        }
    }

    private void setEarliestLive(CheckInOp op) {
        earliestLive = op;
        if (op != null) {
            earliestWall = op.hlc().wall();
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
        if (earliestLive == null) {
            return true;
        }
        long wall = op.hlc().wall();
        if (wall != earliestWall) {
            return wall < earliestWall;
        }
        return CheckInMerge.ADMISSION_ORDER.compare(op, earliestLive) < 0;
    }

    /** A set of ids that stays an array while small. */
    private static final class IdSet {
        private static final UUID[] EMPTY = new UUID[0];
        private UUID[] ids = EMPTY;
        private int count;
        private Set<UUID> index;

        boolean contains(UUID id) {
            if (index != null) {
                return index.contains(id);
            }
            for (int i = 0; i < count; i++) {
                if (ids[i].equals(id)) {
                    return true;
                }
            }
            return false;
        }

        boolean add(UUID id) {
            if (contains(id)) {
                return false;
            }
            if (index != null) {
                return index.add(id);
            }
            if (count == ids.length) {
                ids = Arrays.copyOf(ids, Math.max(2, count * 2));
            }
            ids[count++] = id;
            if (count > INDEX_THRESHOLD) {
                index = new HashSet<>(Arrays.asList(ids).subList(0, count));
            }
            return true;
        }
    }
}
