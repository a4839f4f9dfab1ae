package dev.lanyard.model.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.CheckInAction;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.clock.HybridLogicalClock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random histories over several replicas: local check-ins, undos and edits, partial syncs in
 * any order with duplicates (partitions are the syncs that do not happen), clocks up to an hour
 * apart, clocks stepping back, and frozen clocks that force exact timestamp ties. Whatever the
 * history, replicas that hold the same ops show the same state, and the state each replica
 * derives per participant-day from its log (arrival order, duplicates kept, as the kiosk and the
 * server keep it) equals the set function of what it holds.
 */
class ConvergenceProperties {
    static final UUID EVENT = UUID.fromString("00000000-0000-7000-8000-0000000000e1");
    static final List<UUID> PEOPLE = List.of(
            UUID.fromString("00000000-0000-7000-8000-000000000101"),
            UUID.fromString("00000000-0000-7000-8000-000000000102"),
            UUID.fromString("00000000-0000-7000-8000-000000000103"));
    static final List<LocalDate> DAYS = List.of(LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 26));
    static final List<String> FIELDS = List.of("name", "company", "email", "custom.role");
    static final long HOUR = Duration.ofHours(1).toMillis();
    static final long BASE = 1_790_000_000_000L;

    sealed interface Step permits Act, Sync, Tick {
    }

    /** kind: 0 check in, 1 undo, 2 edit a field. */
    record Act(int replica, int kind, int person, int day, int field, int value) implements Step {
    }

    record Sync(int from, int to, long mask, boolean reverse, boolean duplicate) implements Step {
    }

    /** The replica's own wall clock moves, possibly backwards. */
    record Tick(int replica, long millis) implements Step {
    }

    record History(List<Long> skews, boolean frozenClocks, List<Step> steps, long shuffleSeed) {
    }

    @Property(tries = 1000)
    void replicasHoldingTheSameOpsShowTheSameState(@ForAll("histories") History history) {
        List<Replica> replicas = run(history);

        for (Replica replica : replicas) {
            assertThat(replica.states()).as("state per participant-day in arrival order == set function on %s",
                    replica.node)
                    .isEqualTo(CheckInMerge.statesOf(replica.ops.values()));
            assertThat(replica.participants).as("incremental LWW == fold on %s", replica.node)
                    .isEqualTo(foldSorted(replica.patches.values()));
        }
        Map<Set<UUID>, Map<ParticipantDay, CheckInState>> byOpSet = new HashMap<>();
        for (Replica replica : replicas) {
            Map<ParticipantDay, CheckInState> previous = byOpSet.putIfAbsent(replica.ops.keySet(), replica.states());
            if (previous != null) {
                assertThat(replica.states()).isEqualTo(previous);
            }
        }
    }

    @Property(tries = 1000)
    void afterEveryoneHasEverythingAllReplicasAgree(@ForAll("histories") History history) {
        List<Replica> replicas = run(history);
        Map<UUID, CheckInOp> allOps = new LinkedHashMap<>();
        Map<UUID, ParticipantPatch> allPatches = new LinkedHashMap<>();
        replicas.forEach(r -> {
            allOps.putAll(r.ops);
            allPatches.putAll(r.patches);
        });
        Random random = new Random(history.shuffleSeed());
        for (Replica replica : replicas) {
            List<CheckInOp> ops = new ArrayList<>(allOps.values());
            ops.addAll(ops.subList(0, ops.size() / 3)); // some arrive twice
            Collections.shuffle(ops, random);
            ops.forEach(replica::deliver);
            List<ParticipantPatch> patches = new ArrayList<>(allPatches.values());
            Collections.shuffle(patches, random);
            patches.forEach(replica::deliver);
        }

        Map<ParticipantDay, CheckInState> expected = CheckInMerge.statesOf(allOps.values());
        Map<UUID, Participant> expectedPeople = foldSorted(allPatches.values());
        for (Replica replica : replicas) {
            assertThat(replica.states()).isEqualTo(expected);
            assertThat(replica.participants).isEqualTo(expectedPeople);
        }
    }

    /** Door 1 undoes an admission while door 2, which saw it too, admits the person again. */
    @Property(tries = 1000)
    void aConcurrentCheckInBeatsAnUndo(@ForAll("skew") long skew1, @ForAll("skew") long skew2, @ForAll long seed) {
        Replica door1 = new Replica("door-1", () -> BASE + skew1);
        Replica door2 = new Replica("door-2", () -> BASE + skew2);
        CheckInOp first = door1.checkIn(PEOPLE.get(0), DAYS.get(0));
        door2.deliver(first);
        CheckInOp undo = door1.undo(PEOPLE.get(0), DAYS.get(0));
        CheckInOp again = door2.checkIn(PEOPLE.get(0), DAYS.get(0));

        List<CheckInOp> arrival = new ArrayList<>(List.of(first, undo, again));
        Collections.shuffle(arrival, new Random(seed));
        Replica server = new Replica("server", () -> BASE);
        arrival.forEach(server::deliver);

        CheckInState state = server.state(new ParticipantDay(PEOPLE.get(0), DAYS.get(0)));
        assertThat(state.checkedIn()).isTrue();
        assertThat(state.liveCheckIns()).containsExactly(again.opId());
        assertThat(CheckInMerge.undoOverturned(undo, state)).isTrue();
    }

    /** An undo made after seeing every admission takes the person out, whatever the clocks say. */
    @Property(tries = 1000)
    void anUndoThatObservedEveryAdmissionChecksOut(@ForAll("skews") List<Long> skews, @ForAll long seed) {
        Replica undoer = new Replica("undoer", () -> BASE + skews.get(0));
        List<CheckInOp> ops = new ArrayList<>();
        for (int i = 1; i < skews.size(); i++) {
            long skew = skews.get(i);
            Replica door = new Replica("door-" + i, () -> BASE + skew);
            CheckInOp admission = door.checkIn(PEOPLE.get(1), DAYS.get(1));
            ops.add(admission);
            undoer.deliver(admission);
        }
        ops.add(undoer.undo(PEOPLE.get(1), DAYS.get(1)));
        Collections.shuffle(ops, new Random(seed));

        assertThat(CheckInMerge.stateOf(ops).checkedIn()).isFalse();
    }

    /** The same patches in any order leave every replica with the same field values. */
    @Property(tries = 1000)
    void lastWriterWinsPicksTheSameWinnerEverywhere(@ForAll("patches") List<ParticipantPatch> patches,
            @ForAll long seed) {
        Random random = new Random(seed);
        Participant reference = null;
        for (int replica = 0; replica < 3; replica++) {
            List<ParticipantPatch> order = new ArrayList<>(patches);
            Collections.shuffle(order, random);
            Participant folded = ParticipantMerge.fold(PEOPLE.get(2), EVENT, order);
            if (reference == null) {
                reference = folded;
            }
            assertThat(folded).isEqualTo(reference);
        }
        // and the winner of each field is the patch with the greatest stamp
        for (String field : FIELDS) {
            patches.stream().filter(p -> p.fields().containsKey(field))
                    .max(Comparator.comparing(ParticipantPatch::hlc).thenComparing(p -> p.fields().get(field),
                            Comparator.nullsFirst(Comparator.naturalOrder())))
                    .ifPresent(winner -> assertThat(dev.lanyard.model.ParticipantField.read(
                            ParticipantMerge.fold(PEOPLE.get(2), EVENT, patches), field))
                            .isEqualTo(winner.fields().get(field)));
        }
    }

    // ---- generators

    @Provide
    Arbitrary<History> histories() {
        Arbitrary<Integer> replicaCount = Arbitraries.integers().between(3, 5);
        return replicaCount.flatMap(n -> Combinators.combine(
                skew().list().ofSize(n),
                Arbitraries.integers().between(0, 4).map(i -> i == 0), // one in five: frozen clocks, exact ties
                step(n).list().ofMinSize(1).ofMaxSize(60),
                Arbitraries.longs()).as(History::new));
    }

    @Provide
    Arbitrary<Long> skew() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-HOUR, HOUR), Arbitraries.of(-HOUR, 0L, HOUR));
    }

    @Provide
    Arbitrary<List<Long>> skews() {
        return skew().list().ofMinSize(2).ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<ParticipantPatch>> patches() {
        Arbitrary<Hlc> hlc = Combinators.combine(
                Arbitraries.longs().between(BASE - HOUR, BASE + HOUR).edgeCases(e -> e.add(BASE)),
                Arbitraries.integers().between(0, 2),
                Arbitraries.of("door-1", "door-2", "door-3")).as(Hlc::new);
        Arbitrary<Map<String, String>> fields = Arbitraries.subsetOf(FIELDS).ofMinSize(1)
                .flatMap(chosen -> Arbitraries.integers().between(0, 5).list().ofSize(chosen.size()).map(values -> {
                    Map<String, String> map = new HashMap<>();
                    int i = 0;
                    for (String field : chosen) {
                        map.put(field, valueFor(field, values.get(i++)));
                    }
                    return map;
                }));
        return Combinators.combine(hlc, fields)
                .as((stamp, values) -> new ParticipantPatch(Ids.newId(), EVENT, PEOPLE.get(2), values, stamp, null))
                .list().ofMinSize(1).ofMaxSize(12);
    }

    static String valueFor(String field, int choice) {
        return field.equals("email")
                ? List.of("kim@x.io", "lee@x.io", "park@x.io").get(choice % 3)
                : List.of("Kim", "Lee", "Park", "홍길동", "Speaker", "Zoë").get(choice % 6);
    }

    private static Arbitrary<Step> step(int replicas) {
        Arbitrary<Integer> replica = Arbitraries.integers().between(0, replicas - 1);
        Arbitrary<Step> act = Combinators.combine(replica, Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, PEOPLE.size() - 1),
                Arbitraries.integers().between(0, DAYS.size() - 1),
                Arbitraries.integers().between(0, FIELDS.size() - 1), Arbitraries.integers().between(0, 5))
                .as(Act::new);
        Arbitrary<Step> sync = Combinators.combine(replica, replica, Arbitraries.longs(), Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as(Sync::new);
        Arbitrary<Step> tick = Combinators.combine(replica, Arbitraries.longs().between(-HOUR, 10_000)).as(Tick::new);
        return Arbitraries.frequencyOf(Tuple.of(5, act), Tuple.of(3, sync), Tuple.of(1, tick));
    }

    // ---- the simulation

    static List<Replica> run(History history) {
        long[] globalTime = {BASE};
        List<Replica> replicas = new ArrayList<>();
        List<long[]> drift = new ArrayList<>();
        for (int i = 0; i < history.skews().size(); i++) {
            long skew = history.skews().get(i);
            long[] own = {0};
            drift.add(own);
            replicas.add(new Replica("r" + i, history.frozenClocks() ? () -> BASE : () -> globalTime[0] + skew
                    + own[0]));
        }
        for (Step step : history.steps()) {
            globalTime[0] += 37;
            if (step instanceof Act act) {
                Replica replica = replicas.get(act.replica());
                UUID person = PEOPLE.get(act.person());
                LocalDate day = DAYS.get(act.day());
                switch (act.kind()) {
                    case 0 -> replica.checkIn(person, day);
                    case 1 -> replica.undo(person, day);
                    default -> replica.edit(person, FIELDS.get(act.field()),
                            valueFor(FIELDS.get(act.field()), act.value()));
                }
            } else if (step instanceof Sync sync) {
                replicas.get(sync.from()).sendTo(replicas.get(sync.to()), sync.mask(), sync.reverse(),
                        sync.duplicate());
            } else if (step instanceof Tick tick) {
                drift.get(tick.replica())[0] += tick.millis();
            }
        }
        return replicas;
    }

    static Map<UUID, Participant> foldSorted(java.util.Collection<ParticipantPatch> patches) {
        Map<UUID, List<ParticipantPatch>> byPerson = new HashMap<>();
        patches.stream().sorted(Comparator.comparing(ParticipantPatch::patchId))
                .forEach(p -> byPerson.computeIfAbsent(p.participantId(), k -> new ArrayList<>()).add(p));
        Map<UUID, Participant> people = new HashMap<>();
        byPerson.forEach((id, list) -> people.put(id, ParticipantMerge.fold(id, EVENT, list)));
        return people;
    }

    static final class Replica {
        final String node;
        final HybridLogicalClock clock;
        final Map<UUID, CheckInOp> ops = new LinkedHashMap<>();
        /**
         * Every op delivered (duplicates too) under its participant-day, in arrival order: the replica's check-in log.
         */
        final Map<ParticipantDay, List<CheckInOp>> log = new HashMap<>();
        final Map<UUID, ParticipantPatch> patches = new LinkedHashMap<>();
        final Map<UUID, Participant> participants = new HashMap<>();

        Replica(String node, java.util.function.LongSupplier wall) {
            this.node = node;
            this.clock = new HybridLogicalClock(node, wall, Duration.ofHours(1));
        }

        CheckInOp checkIn(UUID person, LocalDate day) {
            Set<UUID> live = state(new ParticipantDay(person, day)).liveCheckIns();
            CheckInOp op = new CheckInOp(Ids.newId(), EVENT, person, day, CheckInAction.CHECK_IN, live, clock.now(),
                    null, null, null);
            deliver(op);
            return op;
        }

        CheckInOp undo(UUID person, LocalDate day) {
            Set<UUID> live = state(new ParticipantDay(person, day)).liveCheckIns();
            if (live.isEmpty()) {
                return null;
            }
            CheckInOp op = new CheckInOp(Ids.newId(), EVENT, person, day, CheckInAction.UNDO, live, clock.now(), null,
                    null, null);
            deliver(op);
            return op;
        }

        /** As the kiosk and the server derive it: the merge over every op the participant-day's log holds. */
        CheckInState state(ParticipantDay key) {
            return CheckInMerge.stateOf(log.getOrDefault(key, List.of()));
        }

        Map<ParticipantDay, CheckInState> states() {
            Map<ParticipantDay, CheckInState> states = new HashMap<>();
            log.forEach((key, delivered) -> states.put(key, CheckInMerge.stateOf(delivered)));
            return states;
        }

        void edit(UUID person, String field, String value) {
            deliver(new ParticipantPatch(Ids.newId(), EVENT, person, Map.of(field, value), clock.now(), null));
        }

        void deliver(CheckInOp op) {
            ops.putIfAbsent(op.opId(), op);
            log.computeIfAbsent(new ParticipantDay(op.participantId(), op.day()), k -> new ArrayList<>()).add(op);
            clock.receive(op.hlc());
        }

        void deliver(ParticipantPatch patch) {
            patches.putIfAbsent(patch.patchId(), patch);
            participants.merge(patch.participantId(), ParticipantMerge.apply(
                    Participant.blank(patch.participantId(), EVENT), patch),
                    (current, ignored) -> ParticipantMerge.apply(current, patch));
            clock.receive(patch.hlc());
        }

        void sendTo(Replica other, long mask, boolean reverse, boolean duplicate) {
            if (other == this) {
                return;
            }
            List<CheckInOp> selectedOps = select(new ArrayList<>(ops.values()), mask, reverse);
            List<ParticipantPatch> selectedPatches = select(new ArrayList<>(patches.values()), mask, reverse);
            for (int round = 0; round < (duplicate ? 2 : 1); round++) {
                selectedOps.forEach(other::deliver);
                selectedPatches.forEach(other::deliver);
            }
        }

        private static <T> List<T> select(List<T> items, long mask, boolean reverse) {
            List<T> selected = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                if ((mask >>> (i % 64) & 1) == 1) {
                    selected.add(items.get(i));
                }
            }
            if (reverse) {
                Collections.reverse(selected);
            }
            return selected;
        }
    }
}
