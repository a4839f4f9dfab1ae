package dev.lanyard.kiosk.core.checkin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lanyard.model.ScanOutcome;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What the door shows after a scan, an admit or an undo. Returned only after the op, the
 * attempt and their outbox rows are committed.
 *
 * @param participantId   the canonical participant (absent for UNKNOWN_CODE / WRONG_EVENT)
 * @param firstAdmittedAt for ALREADY_IN and REENTRY: when the participant was first admitted that day
 * @param firstDevice     ... and at which door (device id)
 * @param warn            REENTRY under a WARN policy: let through, with an amber notice
 * @param opId            the check-in op written, if any
 * @param detail          a sentence for staff when the outcome needs one (cancelled, misread code, ...)
 * @param firstAdmittedEstimated true when {@code firstAdmittedAt} was moved from a door whose clock was off
 *                        (the op's {@code clockCorrectedMs}); null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScanResult(ScanOutcome outcome, UUID eventId, LocalDate day, String ticketCode, UUID participantId,
                         String name,
                         String company, Instant firstAdmittedAt, String firstDevice, boolean duplicate, boolean warn,
                         UUID opId, UUID attemptId, String detail, Boolean firstAdmittedEstimated) {
    public boolean admitted() {
        return outcome.admits();
    }
}
