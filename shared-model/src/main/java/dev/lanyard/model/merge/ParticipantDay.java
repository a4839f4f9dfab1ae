package dev.lanyard.model.merge;

import java.time.LocalDate;
import java.util.UUID;

/** The unit check-in state is kept for: one participant on one event day. */
public record ParticipantDay(UUID participantId, LocalDate day) {
    public ParticipantDay {
        if (participantId == null || day == null) {
            throw new IllegalArgumentException("participantId and day are required");
        }
    }

    // Written out because every merge hashes one key per op and a record's generated equals and hashCode
    // go through method handles (a tenth of ModelBench's profile).
    @Override
    public boolean equals(Object o) {
        return o instanceof ParticipantDay other && participantId.equals(other.participantId)
                && day.equals(other.day);
    }

    @Override
    public int hashCode() {
        return 31 * participantId.hashCode() + day.hashCode();
    }
}
