package dev.lanyard.server.sync;

import static dev.lanyard.server.db.jooq.Tables.PARTICIPANT;

import dev.lanyard.model.Participant;
import dev.lanyard.model.TicketCodes;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Ticket codes are unique per event (a unique index since V2). A write that would give a code
 * to a second participant is refused before it reaches the index: on PostgreSQL a violated
 * constraint aborts the whole transaction, and with it every other batch written in it.
 */
final class TicketCodeHolders {
    private TicketCodeHolders() {
    }

    /** Why {@code participant} may not be stored with its ticket code, or empty. */
    static Optional<String> refusal(DSLContext tx, Participant participant) {
        String code = participant.ticketCode();
        if (code == null) {
            return Optional.empty();
        }
        // asked even when the code did not change: a participant whose code V2 found shared must not be stored back with it
        UUID holder = tx.select(PARTICIPANT.ID).from(PARTICIPANT).where(PARTICIPANT.EVENT_ID.eq(participant.eventId()))
                .and(PARTICIPANT.TICKET_CODE.eq(code)).and(PARTICIPANT.ID.ne(participant.id())).fetchOne(PARTICIPANT.ID);
        if (holder == null) {
            return Optional.empty();
        }
        return Optional.of("fields.ticketCode: " + TicketCodes.printable(code) + " already belongs to another participant of this event");
    }
}
