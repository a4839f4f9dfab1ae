package dev.lanyard.kiosk.core.search;

import dev.lanyard.model.RegistrationStatus;
import java.util.UUID;

/** One search result, with what a result row shows. {@code checkedIn} is for the day searched. */
public record SearchHit(UUID participantId, String name, String company, String email, Integer registrationNumber,
                        String ticketCode, RegistrationStatus registrationStatus, boolean checkedIn) {
    SearchHit withCheckedIn(boolean value) {
        return new SearchHit(participantId, name, company, email, registrationNumber, ticketCode, registrationStatus,
                value);
    }
}
