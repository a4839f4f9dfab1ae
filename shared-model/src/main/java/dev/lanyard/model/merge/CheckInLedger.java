package dev.lanyard.model.merge;

import dev.lanyard.model.CheckInOp;
import java.util.HashMap;
import java.util.Map;

/**
 * Incremental check-in state for many participant-days: what a replica keeps in memory while
 * it ingests a feed. Not thread-safe.
 */
public final class CheckInLedger {
    private final ParticipantDayTable<CheckInAccumulator> byKey;

    public CheckInLedger() {
        this(1024);
    }

    public CheckInLedger(int expectedParticipantDays) {
        byKey = new ParticipantDayTable<>(expectedParticipantDays);
    }

    /** @return whether the op was new */
    public boolean apply(CheckInOp op) {
        return byKey.computeIfAbsent(op.participantId(), op.day(), CheckInAccumulator::new).apply(op);
    }

    public CheckInState state(ParticipantDay key) {
        CheckInAccumulator accumulator = byKey.get(key.participantId(), key.day());
        return accumulator == null ? CheckInState.NONE : accumulator.state();
    }

    public boolean checkedIn(ParticipantDay key) {
        CheckInAccumulator accumulator = byKey.get(key.participantId(), key.day());
        return accumulator != null && accumulator.checkedIn();
    }

    public Map<ParticipantDay, CheckInState> states() {
        Map<ParticipantDay, CheckInState> states = new HashMap<>();
        byKey.forEach((key, accumulator) -> states.put(key, accumulator.state()));
        return states;
    }

    public int size() {
        return byKey.size();
    }
}
