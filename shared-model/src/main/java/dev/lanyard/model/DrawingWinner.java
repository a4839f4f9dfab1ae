package dev.lanyard.model;

import java.util.UUID;

/**
 * A winner as drawn; the name is copied so the history reads well without the participant list.
 * Once the participant is anonymized the copy reads {@link Participant#ANONYMIZED_NAME} too
 * ({@code DrawingMerge.withoutNamesOf}).
 */
public record DrawingWinner(UUID participantId, String name, Integer registrationNumber) {
    public DrawingWinner {
        Require.present(participantId, "participantId");
        Require.optionalText(name, "name", ParticipantField.MAX_TEXT);
    }
}
