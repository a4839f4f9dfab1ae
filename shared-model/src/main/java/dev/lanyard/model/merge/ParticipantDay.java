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
}
