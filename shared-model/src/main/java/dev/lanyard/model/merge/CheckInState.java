package dev.lanyard.model.merge;

import dev.lanyard.model.clock.Hlc;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Who is in, derived from the check-in ops of one participant-day; never edited by hand.
 *
 * @param liveCheckIns   CHECK_IN op ids that no UNDO cancelled: what a device puts in the
 *                       {@code observed} set of its next op
 * @param firstAdmission HLC of the earliest live admission, null when not checked in
 * @param device         the device that made that admission
 * @param duplicate      two live first admissions that did not see each other (two doors
 *                       admitted the same ticket while partitioned)
 * @param reentries      live admissions made while the device already saw one
 */
public record CheckInState(boolean checkedIn, Hlc firstAdmission, String device, boolean duplicate,
                           int reentries, Set<UUID> liveCheckIns) {
    public static final CheckInState NONE = new CheckInState(false, null, null, false, 0, Set.of());

    public CheckInState {
        liveCheckIns = Set.copyOf(liveCheckIns);
    }

    public Instant firstAdmittedAt() {
        return firstAdmission == null ? null : firstAdmission.instant();
    }
}
