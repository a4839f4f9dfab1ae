package dev.lanyard.model;

import dev.lanyard.model.clock.Hlc;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One scan or admit attempt at a door, whatever came of it. Kept for audit and for the
 * organizer's dashboard; it never changes who is checked in (the {@link CheckInOp} does).
 *
 * @param participantId absent when the code matched nobody
 * @param opId          the check-in op the attempt produced, if it produced one
 */
public record ScanAttempt(UUID attemptId, UUID eventId, UUID participantId, String ticketCode, LocalDate day,
                          ScanOutcome outcome, UUID opId, String deviceId, String operator, Instant at) {
    public ScanAttempt {
        Require.present(attemptId, "attemptId");
        Require.present(day, "day");
        Require.present(outcome, "outcome");
        Require.present(at, "at");
        Require.text(deviceId, "deviceId", Hlc.MAX_NODE_LENGTH);
        ticketCode = ticketCode == null ? null : TicketCodes.printable(ticketCode);
        Require.optionalText(operator, "operator", 100);
    }

    public ScanAttempt withEventId(UUID id) {
        return new ScanAttempt(attemptId, id, participantId, ticketCode, day, outcome, opId, deviceId, operator, at);
    }
}
