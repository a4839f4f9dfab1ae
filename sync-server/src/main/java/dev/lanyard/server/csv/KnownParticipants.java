package dev.lanyard.server.csv;

import static dev.lanyard.server.db.InListQuery.placeholders;
import static dev.lanyard.server.db.jooq.Tables.PARTICIPANT;

import dev.lanyard.model.Participant;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.json.Json;
import dev.lanyard.server.db.Database;
import dev.lanyard.server.db.InListQuery;
import dev.lanyard.server.db.UuidOrder;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;

/**
 * The event's participants that one import batch's rows name, by e-mail and by ticket code, read
 * from the database per batch: an import holds what its current batch needs, never a map of the
 * whole event (a million participants would not fit a small server's heap). Earlier batches are
 * committed before a batch asks, so a row finds a person an earlier row of the file created.
 */
final class KnownParticipants {
    /** A participant a row's e-mail names: its id and the stamp an organizer write must follow. */
    record Known(UUID id, Hlc latestStamp) {
    }

    /**
     * What a batch found: the first live participant per lower-cased e-mail (by id), the holder of each ticket code.
     */
    record Found(Map<String, Known> byEmail, Map<String, UUID> byTicket) {
    }

    private record EmailRow(UUID eventId, String email, UUID id, String body, UUID mergedInto) {
    }

    private record TicketRow(UUID eventId, String code, UUID id) {
    }

    private final Database db;
    private final InListQuery<EmailRow> byEmail;
    private final InListQuery<TicketRow> byTicket;

    KnownParticipants(Database db) {
        this.db = db;
        this.byEmail = new InListQuery<>(n -> emailQuery(db.dsl(), placeholders(n, String.class)),
                rs -> new EmailRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getObject(5, UUID.class)));
        this.byTicket = new InListQuery<>(n -> ticketQuery(db.dsl(), placeholders(n, String.class)),
                rs -> new TicketRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class)));
    }

    /**
     * Live participants by lower-cased e-mail, of every event: the event is checked on the rows found. With
     * {@code event_id = ?} in the WHERE, H2 read the (event_id, email_lower) index by the event alone (it uses an
     * IN list only on an index's first column), so every batch of an import read the whole event and a
     * 1,000,000-row import cost 500 reads of up to a million rows (ADR 0226). E-mails lead an index of their own.
     * Merged participants are dropped by the caller too: with {@code merged_into IS NULL} in the WHERE, a lookup H2
     * first planned on an empty table read the index on {@code merged_into} (every live participant), and H2 keeps a
     * statement's first plan.
     */
    static Query emailQuery(DSLContext dsl, Collection<? extends Field<String>> emails) {
        return dsl.select(PARTICIPANT.EVENT_ID, PARTICIPANT.EMAIL_LOWER, PARTICIPANT.ID, PARTICIPANT.BODY,
                PARTICIPANT.MERGED_INTO).from(PARTICIPANT).where(PARTICIPANT.EMAIL_LOWER.in(emails));
    }

    /** The holders of ticket codes, of every event (as {@link #emailQuery}). */
    static Query ticketQuery(DSLContext dsl, Collection<? extends Field<String>> codes) {
        return dsl.select(PARTICIPANT.EVENT_ID, PARTICIPANT.TICKET_CODE, PARTICIPANT.ID).from(PARTICIPANT)
                .where(PARTICIPANT.TICKET_CODE.in(codes));
    }

    Found find(UUID eventId, Collection<String> emailsLower, Collection<String> ticketCodes) {
        Map<String, Known> emails = new HashMap<>();
        for (EmailRow row : byEmail.fetch(db.dsl(), emailsLower)) {
            if (!row.eventId().equals(eventId) || row.mergedInto() != null) {
                continue;
            }
            Known known = new Known(row.id(), Json.read(row.body(), Participant.class).latestStamp());
            // the import always matched the lowest id when an e-mail is shared, as the database orders them (the
            // walk-in merge asks it with ORDER BY id)
            emails.merge(row.email(), known, (a, b) -> UuidOrder.compare(a.id(), b.id()) <= 0 ? a : b);
        }
        Map<String, UUID> tickets = new HashMap<>();
        for (TicketRow row : byTicket.fetch(db.dsl(), ticketCodes)) {
            if (row.eventId().equals(eventId)) {
                tickets.put(row.code(), row.id());
            }
        }
        return new Found(emails, tickets);
    }
}
