package dev.lanyard.kiosk.core;

import java.time.Instant;
import java.util.UUID;

/**
 * The merge overturned something this door did, and staff should know: its undo lost to a
 * check-in at another door it had not seen, or its walk-in turned out to be someone already
 * registered (the walk-in now counts as that registration).
 *
 * @param subjectId the overturned item: the UNDO op, or the walk-in participant
 */
public record ConflictNotice(long id, UUID eventId, Kind kind, UUID subjectId, UUID participantId, String message,
                             Instant createdAt,
                             boolean acknowledged) {
    public enum Kind { UNDO_OVERTURNED, WALK_IN_MERGED }
}
