package dev.lanyard.model.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.CheckInAction;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.clock.Hlc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link CheckInMerge#stateOf} against the rule written out the plain way (sets and maps, as
 * the class comment states it): the production method takes short cuts for the short logs most
 * participant-days have, and must give the same state for any log, duplicates and all.
 */
class StateOfProperties {
    private static final int IDS = 12;

    @Property(tries = 3000)
    void theMergeGivesTheRulesStateForAnyLog(@ForAll("logs") List<CheckInOp> log) {
        assertThat(CheckInMerge.stateOf(log)).isEqualTo(byTheRule(log));
    }

    @Property(tries = 300)
    void aLongerLogGivesTheRulesStateToo(@ForAll("longLogs") List<CheckInOp> log) {
        assertThat(CheckInMerge.stateOf(log)).isEqualTo(byTheRule(log));
    }

    @Provide
    Arbitrary<List<CheckInOp>> logs() {
        return op(IDS).list().ofMinSize(0).ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<CheckInOp>> longLogs() {
        return op(80).list().ofMinSize(6).ofMaxSize(60); // across the short and the long path
    }

    /**
     * Ids come from a small pool, so logs hold duplicates and undos name ops that are in them. An op id is
     * one op: the same id always carries the same action, sight, clock and door.
     */
    private static Arbitrary<CheckInOp> op(int ids) {
        return Arbitraries.integers().between(0, ids - 1).map(n -> {
            CheckInAction action = n % 3 == 0 ? CheckInAction.UNDO : CheckInAction.CHECK_IN;
            Set<UUID> observed = switch (n % 3) {
                // an undo takes back a re-entry (n + 1), or a first admission and a re-entry (n + 2, n + 4)
                case 0 -> n % 2 == 0 ? Set.of(uuid((n + 1) % ids)) : Set.of(uuid((n + 2) % ids), uuid((n + 4) % ids));
                case 1 -> Set.of(uuid((n + 2) % ids)); // a re-entry
                default -> Set.of(); // a first admission
            };
            return new CheckInOp(uuid(n), Ops.EVENT, Ops.ALICE, Ops.DAY, action, observed,
                    new Hlc(1_795_000_000_000L + n % 5, 0, n % 2 == 0 ? "door-a" : "door-b"), null, null, null);
        });
    }

    private static UUID uuid(int n) {
        return new UUID(0x1234, n);
    }

    private static CheckInState byTheRule(List<CheckInOp> ops) {
        Map<UUID, CheckInOp> checkIns = new HashMap<>();
        Set<UUID> cancelled = new HashSet<>();
        for (CheckInOp op : ops) {
            if (op.isCheckIn()) {
                checkIns.putIfAbsent(op.opId(), op);
            } else {
                cancelled.addAll(op.observed());
            }
        }
        List<CheckInOp> live = new ArrayList<>();
        checkIns.values().stream().filter(op -> !cancelled.contains(op.opId())).forEach(live::add);
        if (live.isEmpty()) {
            return CheckInState.NONE;
        }
        CheckInOp earliest = live.stream().min(CheckInMerge.ADMISSION_ORDER).orElseThrow();
        long firsts = live.stream().filter(op -> !op.isReentry()).count();
        Set<UUID> liveIds = new HashSet<>();
        live.forEach(op -> liveIds.add(op.opId()));
        return new CheckInState(true, earliest.hlc(), earliest.deviceId(), firsts > 1,
                (int) live.stream().filter(CheckInOp::isReentry).count(), liveIds);
    }
}
