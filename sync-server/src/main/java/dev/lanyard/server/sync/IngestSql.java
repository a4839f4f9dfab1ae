package dev.lanyard.server.sync;

import static dev.lanyard.server.db.InListQuery.placeholders;
import static dev.lanyard.server.db.jooq.Tables.PARTICIPANT;
import static dev.lanyard.server.db.jooq.Tables.PARTICIPANT_PATCH;
import static dev.lanyard.server.db.jooq.Tables.SCAN_ATTEMPT;

import dev.lanyard.server.db.BatchStatement;
import dev.lanyard.server.db.InListQuery;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The id-list lookups and row inserts of patches, scan attempts and participants, in the form of
 * {@link CheckInSql}: rendered once by jOOQ from the generated tables, run through JDBC with bound
 * values (ADR 0203). Single-row statements are written with jOOQ where they run.
 */
final class IngestSql {
    /** How many characters of JSON are stored under an id. */
    record Size(UUID id, int chars) {
    }

    /** An item stored under an id, with its JSON and seq. */
    record StoredItem(UUID id, String body, long seq) {
    }

    /** A participant row: its event, and its JSON. */
    record ParticipantRow(UUID id, UUID eventId, String body) {
    }

    /** A participant holding an e-mail, with what decides whether it counts for the e-mail identity rule. */
    record EmailHolder(UUID id, String emailLower, UUID eventId, UUID mergedInto) {
    }

    final InListQuery<StoredItem> patchesById;
    /** patch_id, event_id, participant_id, body, seq. */
    final BatchStatement insertPatch;
    final InListQuery<StoredItem> attemptsById;
    /** attempt_id, event_id, body, seq. */
    final BatchStatement insertAttempt;
    final InListQuery<ParticipantRow> participantsById;
    /** The lengths of what {@link #patchesById} and {@link #participantsById} would read, without reading it. */
    final InListQuery<Size> patchSizes;
    final InListQuery<Size> participantSizes;
    /** Leading: nothing; the IN list holds lower-cased e-mails (every event's holders: the caller keeps its own). */
    final InListQuery<EmailHolder> emailHolders;
    /** id, event_id, email_lower, ticket_code, merged_into, body, updated_seq. */
    final BatchStatement insertParticipant;
    /** email_lower, ticket_code, merged_into, body, updated_seq, then id. */
    final BatchStatement updateParticipant;

    IngestSql(DSLContext dsl) {
        patchesById = new InListQuery<>(n -> dsl.select(PARTICIPANT_PATCH.PATCH_ID, PARTICIPANT_PATCH.BODY,
                PARTICIPANT_PATCH.SEQ)
                .from(PARTICIPANT_PATCH).where(PARTICIPANT_PATCH.PATCH_ID.in(placeholders(n, UUID.class))),
                rs -> new StoredItem(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3)));
        insertPatch = BatchStatement.insert(dsl, PARTICIPANT_PATCH, PARTICIPANT_PATCH.PATCH_ID,
                PARTICIPANT_PATCH.EVENT_ID,
                PARTICIPANT_PATCH.PARTICIPANT_ID, PARTICIPANT_PATCH.BODY, PARTICIPANT_PATCH.SEQ);
        attemptsById = new InListQuery<>(n -> dsl.select(SCAN_ATTEMPT.ATTEMPT_ID, SCAN_ATTEMPT.BODY, SCAN_ATTEMPT.SEQ)
                .from(SCAN_ATTEMPT).where(SCAN_ATTEMPT.ATTEMPT_ID.in(placeholders(n, UUID.class))),
                rs -> new StoredItem(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3)));
        insertAttempt = BatchStatement.insert(dsl, SCAN_ATTEMPT, SCAN_ATTEMPT.ATTEMPT_ID, SCAN_ATTEMPT.EVENT_ID,
                SCAN_ATTEMPT.BODY, SCAN_ATTEMPT.SEQ);
        participantsById = new InListQuery<>(n -> dsl.select(PARTICIPANT.ID, PARTICIPANT.EVENT_ID, PARTICIPANT.BODY)
                .from(PARTICIPANT).where(PARTICIPANT.ID.in(placeholders(n, UUID.class))),
                rs -> new ParticipantRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)));
        patchSizes = new InListQuery<>(n -> dsl.select(PARTICIPANT_PATCH.PATCH_ID,
                DSL.charLength(PARTICIPANT_PATCH.BODY)).from(PARTICIPANT_PATCH)
                .where(PARTICIPANT_PATCH.PATCH_ID.in(placeholders(n, UUID.class))),
                rs -> new Size(rs.getObject(1, UUID.class), rs.getInt(2)));
        participantSizes = new InListQuery<>(n -> dsl.select(PARTICIPANT.ID, DSL.charLength(PARTICIPANT.BODY))
                .from(PARTICIPANT).where(PARTICIPANT.ID.in(placeholders(n, UUID.class))),
                rs -> new Size(rs.getObject(1, UUID.class), rs.getInt(2)));
        emailHolders = new InListQuery<>(n -> dsl.select(PARTICIPANT.ID, PARTICIPANT.EMAIL_LOWER, PARTICIPANT.EVENT_ID,
                PARTICIPANT.MERGED_INTO).from(PARTICIPANT)
                .where(PARTICIPANT.EMAIL_LOWER.in(placeholders(n, String.class))),
                rs -> new EmailHolder(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class)));
        insertParticipant = BatchStatement.insert(dsl, PARTICIPANT, PARTICIPANT.ID, PARTICIPANT.EVENT_ID,
                PARTICIPANT.EMAIL_LOWER, PARTICIPANT.TICKET_CODE, PARTICIPANT.MERGED_INTO, PARTICIPANT.BODY,
                PARTICIPANT.UPDATED_SEQ, PARTICIPANT.FIRST_SEQ);
        updateParticipant = BatchStatement.of(dsl.update(PARTICIPANT)
                .set(PARTICIPANT.EMAIL_LOWER, DSL.param("email", String.class))
                .set(PARTICIPANT.TICKET_CODE, DSL.param("ticketCode", String.class))
                .set(PARTICIPANT.MERGED_INTO, DSL.param("mergedInto", UUID.class))
                .set(PARTICIPANT.BODY, DSL.param("body", String.class))
                .set(PARTICIPANT.UPDATED_SEQ, DSL.param("seq", Long.class))
                .where(PARTICIPANT.ID.eq(DSL.param("id", UUID.class))));
    }
}
