package dev.lanyard.model.merge;

import static dev.lanyard.model.merge.Ops.at;
import static dev.lanyard.model.merge.Ops.checkIn;
import static dev.lanyard.model.merge.Ops.id;
import static dev.lanyard.model.merge.Ops.undo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.clock.Hlc;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckInMergeTest {

    @Test
    void nobodyIsInWithoutOps() {
        assertThat(CheckInMerge.stateOf(List.of())).isEqualTo(CheckInState.NONE);
    }

    @Test
    void aCheckInAdmits() {
        CheckInState state = CheckInMerge.stateOf(List.of(checkIn("c1", at(1_000, "door-1"))));

        assertThat(state.checkedIn()).isTrue();
        assertThat(state.firstAdmission()).isEqualTo(at(1_000, "door-1"));
        assertThat(state.device()).isEqualTo("door-1");
        assertThat(state.duplicate()).isFalse();
        assertThat(state.liveCheckIns()).containsExactly(id("c1"));
    }

    @Test
    void anUndoThatObservedTheCheckInWins() {
        CheckInState state = CheckInMerge.stateOf(List.of(
                checkIn("c1", at(1_000, "door-1")),
                undo("u1", at(2_000, "door-1"), "c1")));

        assertThat(state.checkedIn()).isFalse();
    }

    @Test
    void anUndoWinsEvenWhenItsClockIsBehindTheCheckIn() {
        // the undoing laptop's clock is an hour slow: timestamps do not decide, observation does
        CheckInState state = CheckInMerge.stateOf(List.of(
                checkIn("c1", at(3_600_000 + 1_000, "door-1")),
                undo("u1", at(1_000, "door-2"), "c1")));

        assertThat(state.checkedIn()).isFalse();
    }

    @Test
    void aConcurrentCheckInSurvivesAnUndoThatDidNotSeeIt() {
        // door 1 undoes c1 while door 2, which also saw c1, admits the person again (c2)
        CheckInState state = CheckInMerge.stateOf(List.of(
                checkIn("c1", at(1_000, "door-1")),
                undo("u1", at(5_000, "door-1"), "c1"),
                checkIn("c2", at(4_000, "door-2"), "c1")));

        assertThat(state.checkedIn()).isTrue();
        assertThat(state.liveCheckIns()).containsExactly(id("c2"));
        assertThat(state.firstAdmission()).isEqualTo(at(4_000, "door-2"));
        assertThat(state.device()).isEqualTo("door-2");
    }

    @Test
    void anUndoArrivingBeforeItsCheckInStillCancelsIt() {
        CheckInOp c1 = checkIn("c1", at(1_000, "door-1"));
        CheckInOp u1 = undo("u1", at(2_000, "door-1"), "c1");

        assertThat(CheckInMerge.stateOf(List.of(u1, c1)).checkedIn()).isFalse();
    }

    @Test
    void twoFirstAdmissionsThatDidNotSeeEachOtherAreADuplicate() {
        CheckInState state = CheckInMerge.stateOf(List.of(
                checkIn("c1", at(1_000, "door-1")),
                checkIn("c2", at(1_500, "door-2"))));

        assertThat(state.checkedIn()).isTrue();
        assertThat(state.duplicate()).isTrue();
        assertThat(state.firstAdmission()).isEqualTo(at(1_000, "door-1"));
    }

    @Test
    void aReentryIsNotADuplicate() {
        CheckInState state = CheckInMerge.stateOf(List.of(
                checkIn("c1", at(1_000, "door-1")),
                checkIn("c2", at(9_000, "door-2"), "c1")));

        assertThat(state.duplicate()).isFalse();
        assertThat(state.reentries()).isEqualTo(1);
        assertThat(state.firstAdmission()).isEqualTo(at(1_000, "door-1"));
    }

    @Test
    void aCorrectedAdmissionFollowedByANewOneIsNotADuplicate() {
        CheckInState state = CheckInMerge.stateOf(List.of(
                checkIn("c1", at(1_000, "door-1")),
                undo("u1", at(2_000, "door-1"), "c1"),
                checkIn("c2", at(3_000, "door-1"))));

        assertThat(state.checkedIn()).isTrue();
        assertThat(state.duplicate()).isFalse();
        assertThat(state.firstAdmission()).isEqualTo(at(3_000, "door-1"));
    }

    @Test
    void duplicateDeliveriesChangeNothing() {
        CheckInOp c1 = checkIn("c1", at(1_000, "door-1"));
        CheckInOp u1 = undo("u1", at(2_000, "door-1"), "c1");

        assertThat(CheckInMerge.stateOf(List.of(c1, u1, c1, u1, c1))).isEqualTo(CheckInMerge.stateOf(List.of(c1, u1)));
    }

    @Test
    void exactTimestampTieForFirstAdmissionIsSettledByNodeThenOpId() {
        Hlc same = new Hlc(1_000, 0, "door-1");
        CheckInOp a = checkIn("a", same);
        CheckInOp b = checkIn("b", same);
        CheckInOp expected = a.opId().compareTo(b.opId()) < 0 ? a : b;

        assertThat(CheckInMerge.stateOf(List.of(a, b)).firstAdmission()).isEqualTo(same);
        assertThat(CheckInMerge.stateOf(List.of(a, b))).isEqualTo(CheckInMerge.stateOf(List.of(b, a)));
        assertThat(CheckInMerge.stateOf(List.of(b, a)).liveCheckIns()).contains(expected.opId());
    }

    @Test
    void sameWallAndCounterOnTwoDoorsOrdersByNodeId() {
        CheckInOp fromB = checkIn("x", new Hlc(1_000, 2, "door-b"));
        CheckInOp fromA = checkIn("y", new Hlc(1_000, 2, "door-a"));

        CheckInState state = CheckInMerge.stateOf(List.of(fromB, fromA));

        assertThat(state.device()).isEqualTo("door-a");
    }

    @Test
    void undoOverturnedWhenAnUnseenAdmissionSurvives() {
        CheckInOp u1 = undo("u1", at(5_000, "door-1"), "c1");
        CheckInState state = CheckInMerge.stateOf(List.of(
                checkIn("c1", at(1_000, "door-1")), u1, checkIn("c2", at(4_000, "door-2"), "c1")));

        assertThat(CheckInMerge.undoOverturned(u1, state)).isTrue();
        assertThat(CheckInMerge.undoOverturned(u1, CheckInMerge.stateOf(
                List.of(checkIn("c1", at(1_000, "door-1")), u1)))).isFalse();
    }

    @Test
    void statesOfGroupsByParticipantDay() {
        CheckInOp today = checkIn("c1", at(1_000, "door-1"));
        CheckInOp tomorrow = new CheckInOp(id("c2"), Ops.EVENT, Ops.ALICE, Ops.DAY.plusDays(1),
                dev.lanyard.model.CheckInAction.CHECK_IN, Set.of(), at(90_000_000, "door-1"), null, null, null);

        var states = CheckInMerge.statesOf(List.of(today, tomorrow));

        assertThat(states).hasSize(2);
        assertThat(states.get(new ParticipantDay(Ops.ALICE, Ops.DAY)).checkedIn()).isTrue();
        assertThat(states.get(new ParticipantDay(Ops.ALICE, Ops.DAY.plusDays(1))).checkedIn()).isTrue();
    }
}
