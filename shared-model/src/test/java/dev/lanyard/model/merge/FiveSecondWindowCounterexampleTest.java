package dev.lanyard.model.merge;

import static dev.lanyard.model.merge.Ops.at;
import static dev.lanyard.model.merge.Ops.checkIn;
import static dev.lanyard.model.merge.Ops.undo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.CheckInOp;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Why Lanyard does not use seed 004's conflict rule ("within 5 seconds check-in wins, otherwise
 * last writer wins"): folded over the same three updates in two arrival orders it gives two
 * answers, so two replicas could disagree for ever. The rule lives only in this test.
 */
class FiveSecondWindowCounterexampleTest {
    record Update(boolean checkedIn, long timestamp) {
    }

    /** The seed's resolveConflict(local, server), transcribed. */
    static Update seedResolve(Update local, Update server) {
        if (Math.abs(local.timestamp() - server.timestamp()) < 5_000) {
            if (local.checkedIn()) {
                return local;
            }
            if (server.checkedIn()) {
                return server;
            }
        }
        return local.timestamp() > server.timestamp() ? local : server;
    }

    static boolean foldSeedRule(List<Update> arrival) {
        Update current = arrival.get(0);
        for (Update next : arrival.subList(1, arrival.size())) {
            current = seedResolve(next, current);
        }
        return current.checkedIn();
    }

    @Test
    void theSeedRuleDependsOnArrivalOrder() {
        Update door1 = new Update(true, 0);
        Update door2 = new Update(true, 3_000);
        Update undo = new Update(false, 6_000);

        boolean replicaA = foldSeedRule(List.of(door1, door2, undo));
        boolean replicaB = foldSeedRule(List.of(door2, door1, undo));

        assertThat(replicaA).isTrue();
        assertThat(replicaB).isFalse();
    }

    @Test
    void theEnableWinsRuleGivesOneAnswerForTheSameHistory() {
        // the same story with observed sets: door 2 admitted without seeing door 1, and the
        // undo (made at door 1) only saw door 1's admission
        CheckInOp door1 = checkIn("d1", at(0, "door-1"));
        CheckInOp door2 = checkIn("d2", at(3_000, "door-2"));
        CheckInOp undo = undo("u", at(6_000, "door-1"), "d1");

        CheckInState a = CheckInMerge.stateOf(List.of(door1, door2, undo));
        CheckInState b = CheckInMerge.stateOf(List.of(door2, door1, undo));

        assertThat(a).isEqualTo(b);
        assertThat(a.checkedIn()).isTrue();
    }
}
