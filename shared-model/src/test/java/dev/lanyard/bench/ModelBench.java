package dev.lanyard.bench;

import dev.lanyard.model.CheckInAction;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Ids;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.merge.CheckInMerge;
import dev.lanyard.model.merge.CheckInState;
import dev.lanyard.model.merge.ParticipantDay;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * {@code bench/run model}: how fast the production check-in merge folds ops into state.
 *
 * <p>One million ops over 250,000 participants and two days, in shuffled arrival order: 80 %
 * first admissions, 10 % re-entries, 10 % undos. They arrive in batches of {@value #BATCH} (a
 * kiosk's outbox push; feed pages are larger) and each batch is merged as the kiosk's
 * {@code ChangeApplier} and the server's {@code CheckInStates} merge it: every op goes to the log
 * of its participant-day, then every participant-day the batch touched is re-derived with
 * {@link CheckInMerge#stateOf} over all of its ops. The log is in memory here (the kiosk's and the
 * server's are tables), so the figure is the merge's own cost, without SQL. State is rebuilt from
 * scratch in each round from a collected heap; the figure is the median of the measured rounds
 * after warm-up (counts fixed in code). Run it pinned to one core (bench/run does) because the
 * target is per core.
 */
public final class ModelBench {
    private static final int OPS = 1_000_000;
    private static final int BATCH = 100;
    private static final int WARMUP_ROUNDS = 4;
    private static final int MEASURED_ROUNDS = 7;

    public static void main(String[] args) {
        List<CheckInOp> ops = history(new Random(20261125));
        double median = medianNanos(ops, true);
        double floor = medianNanos(ops, false);
        System.out.printf("merge_apply_ops_per_s: %.0f ops/s%n", OPS / (median / 1e9));
        // the floor: the same batches into the same log, with no state derived
        System.out.printf("merge_apply_ops_per_s_floor: %.0f ops/s%n", OPS / (floor / 1e9));
        System.out.printf("merge_apply_ops_per_s_vs_floor: %.2f ratio%n", floor / median);
        int checkedIn = lastRound.checkedIn();

        long start = System.nanoTime();
        int setCheckedIn = (int) CheckInMerge.statesOf(ops).values().stream().filter(s -> s.checkedIn()).count();
        long setNanos = System.nanoTime() - start;
        System.out.printf("merge_set_function_ops_per_s: %.0f ops/s%n", OPS / (setNanos / 1e9));
        if (setCheckedIn != checkedIn) {
            throw new IllegalStateException("batch by batch and all at once disagree: " + checkedIn + " vs "
                    + setCheckedIn);
        }
        System.out.printf("merge_checked_in_participant_days: %d count%n", checkedIn);
    }

    private static ProductionMerge lastRound;

    /** Median time of the measured rounds, each on a fresh log; warm-up rounds first (counts fixed above). */
    private static double medianNanos(List<CheckInOp> ops, boolean deriveStates) {
        long[] nanos = new long[MEASURED_ROUNDS];
        for (int round = 0; round < WARMUP_ROUNDS + MEASURED_ROUNDS; round++) {
            ProductionMerge merge = new ProductionMerge(OPS / 2, deriveStates);
            System.gc(); // start every round from a clean heap; the round pays for its own garbage only
            long start = System.nanoTime();
            for (int from = 0, n = ops.size(); from < n; from += BATCH) {
                merge.apply(ops.subList(from, Math.min(n, from + BATCH)));
            }
            long elapsed = System.nanoTime() - start;
            if (round >= WARMUP_ROUNDS) {
                nanos[round - WARMUP_ROUNDS] = elapsed;
            }
            if (deriveStates) {
                lastRound = merge;
            }
        }
        Arrays.sort(nanos);
        return nanos[MEASURED_ROUNDS / 2];
    }

    /**
     * The merge the kiosk and the server run per batch, over an in-memory log instead of their tables: one
     * entry per participant-day holds its ops and its state (a table row each in production), so the log's
     * own bookkeeping is one hash lookup per op and the figure is mostly the merge.
     */
    static final class ProductionMerge {
        private final Map<ParticipantDay, DayLog> days;

        private final boolean deriveStates;

        ProductionMerge(int expectedParticipantDays, boolean deriveStates) {
            days = new HashMap<>(expectedParticipantDays * 2);
            this.deriveStates = deriveStates;
        }

        void apply(List<CheckInOp> batch) {
            List<DayLog> dirty = new ArrayList<>(batch.size());
            for (CheckInOp op : batch) {
                DayLog day = days.computeIfAbsent(new ParticipantDay(op.participantId(), op.day()), k -> new DayLog());
                day.ops.add(op);
                if (!day.dirty) {
                    day.dirty = true;
                    dirty.add(day);
                }
            }
            for (DayLog day : dirty) {
                day.state = deriveStates ? CheckInMerge.stateOf(day.ops) : null;
                day.dirty = false;
            }
        }

        int checkedIn() {
            return (int) days.values().stream().filter(day -> day.state.checkedIn()).count();
        }
    }

    /** A participant-day's ops in arrival order and the state derived from them. */
    private static final class DayLog {
        final List<CheckInOp> ops = new ArrayList<>(1);
        CheckInState state;
        boolean dirty;
    }

    static List<CheckInOp> history(Random random) {
        UUID event = Ids.newId();
        LocalDate[] days = {LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 26)};
        UUID[] people = new UUID[250_000];
        for (int i = 0; i < people.length; i++) {
            people[i] = new UUID(random.nextLong(), random.nextLong());
        }
        String[] doors = {"door-1", "door-2", "door-3", "door-4"};
        List<CheckInOp> ops = new ArrayList<>(OPS);
        List<CheckInOp> admissions = new ArrayList<>();
        long wall = 1_795_000_000_000L;
        while (ops.size() < OPS) {
            wall += 1;
            int kind = random.nextInt(10);
            Hlc hlc = new Hlc(wall, 0, doors[random.nextInt(doors.length)]);
            if (kind < 8 || admissions.isEmpty()) {
                CheckInOp op = new CheckInOp(new UUID(random.nextLong(), random.nextLong()), event,
                        people[random.nextInt(people.length)], days[random.nextInt(2)], CheckInAction.CHECK_IN,
                        Set.of(), hlc, null, null, null);
                admissions.add(op);
                ops.add(op);
            } else {
                CheckInOp seen = admissions.get(random.nextInt(admissions.size()));
                CheckInAction action = kind == 8 ? CheckInAction.CHECK_IN : CheckInAction.UNDO;
                ops.add(new CheckInOp(new UUID(random.nextLong(), random.nextLong()), event, seen.participantId(),
                        seen.day(),
                        action, Set.of(seen.opId()), hlc, null, null, null));
            }
        }
        Collections.shuffle(ops, random);
        return inArrivalOrderMemory(ops);
    }

    /**
     * Copies of the ops allocated in arrival order, each with its own ids, day and clock stamp:
     * what a replica holds when it parses a feed and applies each op as it arrives. Without this
     * the shuffled list would make every op a cold object scattered over the heap, which no
     * replica sees.
     */
    private static List<CheckInOp> inArrivalOrderMemory(List<CheckInOp> shuffled) {
        List<CheckInOp> copies = new ArrayList<>(shuffled.size());
        for (CheckInOp op : shuffled) {
            Set<UUID> observed = new java.util.HashSet<>();
            op.observed().forEach(id -> observed.add(copy(id)));
            copies.add(new CheckInOp(copy(op.opId()), copy(op.eventId()), copy(op.participantId()),
                    LocalDate.ofEpochDay(op.day().toEpochDay()),
                    op.action(), observed, new Hlc(op.hlc().wall(), op.hlc().counter(), op.hlc().node()), null, null,
                    null));
        }
        return copies;
    }

    private static UUID copy(UUID id) {
        return new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    private ModelBench() {
    }
}
