package dev.lanyard.server.email;

import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.server.sync.AuditLog;
import dev.lanyard.server.sync.ParticipantService;
import dev.lanyard.server.sync.PersonalData;
import java.util.UUID;

/**
 * A person's request to be erased, whichever way it comes (the API, the console, the command line): their data is
 * anonymized and the deletion notice queued to the address they had, read before it is erased.
 */
public final class ErasureRequests {
    private final ParticipantService participants;
    private final PersonalData personalData;
    private final EmailService email;
    private final AuditLog audit;

    public ErasureRequests(ParticipantService participants, PersonalData personalData, EmailService email,
                           AuditLog audit) {
        this.participants = participants;
        this.personalData = personalData;
        this.email = email;
        this.audit = audit;
    }

    /**
     * Anonymizes, records who did it (before the notice is queued: an erasure done is never left unaudited by a
     * failure of the notice), and queues the notice (even if the record failed: the address is read only once).
     *
     * @return the participant as anonymized
     */
    public Participant anonymize(Event event, UUID participantId, String actor) {
        String address = participants.find(event.id(), participantId).map(Participant::email).orElse(null);
        Participant erased = personalData.anonymize(event, participantId);
        try {
            audit.record(actor, "anonymize_participant", event.id(), participantId.toString());
        } finally {
            // the address is gone from the participant now: queued here or never
            email.deletionRequested(event, participantId, address);
        }
        return erased;
    }
}
