package dev.lanyard.kiosk.ui.desk;

import java.util.UUID;

/** One search result line at the desk. */
public record SearchRow(UUID participantId, String name, String company, String email, String ticketCode,
                        boolean checkedIn,
                        boolean admissible) {
}
