package dev.lanyard.model.protocol;

import dev.lanyard.model.merge.CheckInState;
import java.time.Instant;

/** A participant-day's check-in state as the participant endpoint shows it. */
public record DayCheckIn(boolean checkedIn, Instant firstAdmittedAt, String device, boolean duplicate, int reentries) {
    public static DayCheckIn of(CheckInState state) {
        return new DayCheckIn(state.checkedIn(), state.firstAdmittedAt(), state.device(), state.duplicate(),
                state.reentries());
    }
}
