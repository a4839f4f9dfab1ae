package dev.lanyard.server.sync;

import static dev.lanyard.server.db.InListQuery.placeholders;
import static dev.lanyard.server.db.jooq.Tables.CHANGE_LOG;
import static dev.lanyard.server.db.jooq.Tables.CHECKIN_OP;
import static dev.lanyard.server.db.jooq.Tables.CHECKIN_STATE;
import static dev.lanyard.server.db.jooq.Tables.PARTICIPANT;

import dev.lanyard.model.merge.ParticipantDay;
import dev.lanyard.server.db.BatchStatement;
import dev.lanyard.server.db.InListQuery;
import java.time.LocalDate;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The statements a check-in push runs, rendered once by jOOQ and run through JDBC: per batch
 * they are a few lookups by id lists and one batch per table.
 */
final class CheckInSql {
    /** An op already stored under an id: where, and at which seq. */
    record KnownOp(UUID opId, long seq, UUID eventId) {
    }

    /** What check-ins need of a participant: its event and the participant its check-ins count for. */
    record ParticipantRef(UUID id, UUID eventId, UUID canonicalId) {
    }

    /** A stored op with its feed JSON. */
    record StoredOp(UUID opId, String body) {
    }

    /** The ops one participant (not its canonical one) holds on one day. */
    record DayCount(ParticipantDay day, int ops) {
    }

    final InListQuery<KnownOp> knownOps;
    final InListQuery<StoredOp> opBodiesById;
    final InListQuery<ParticipantRef> participantRefs;
    /** Leading: event id. */
    final InListQuery<ParticipantDay> stateRows;
    /** Leading: event id, first and last day. */
    final InListQuery<StoredOp> opsOfParticipants;
    final InListQuery<UUID[]> membersOf;
    /** How many ops each participant-day of some participants holds (off the (participant_id, checkin_day) index). */
    final InListQuery<DayCount> opCounts;
    final BatchStatement insertOp;
    final BatchStatement insertState;
    /**
     * checked_in, first_admitted_at, first_device, duplicate_admission, reentries, then participant_id, checkin_day,
     * event_id.
     */
    final BatchStatement updateState;
    /** participant_id, event_id. */
    final BatchStatement deleteStates;

    CheckInSql(DSLContext dsl) {
        knownOps = new InListQuery<>(n -> dsl.select(CHECKIN_OP.OP_ID, CHECKIN_OP.SEQ, CHECKIN_OP.EVENT_ID)
                .from(CHECKIN_OP)
                .where(CHECKIN_OP.OP_ID.in(placeholders(n, UUID.class))),
                rs -> new KnownOp(rs.getObject(1, UUID.class), rs.getLong(2), rs.getObject(3, UUID.class)));
        // the op's JSON is its change-log entry
        opBodiesById = new InListQuery<>(n -> dsl.select(CHECKIN_OP.OP_ID, CHANGE_LOG.BODY).from(CHECKIN_OP)
                .join(CHANGE_LOG).on(CHANGE_LOG.EVENT_ID.eq(CHECKIN_OP.EVENT_ID)).and(CHANGE_LOG.SEQ.eq(CHECKIN_OP.SEQ))
                .where(CHECKIN_OP.OP_ID.in(placeholders(n, UUID.class))),
                rs -> new StoredOp(rs.getObject(1, UUID.class), rs.getString(2)));
        participantRefs = new InListQuery<>(n -> dsl.select(PARTICIPANT.ID, PARTICIPANT.EVENT_ID,
                PARTICIPANT.MERGED_INTO).from(PARTICIPANT)
                .where(PARTICIPANT.ID.in(placeholders(n, UUID.class))),
                rs -> {
                    UUID id = rs.getObject(1, UUID.class);
                    UUID mergedInto = rs.getObject(3, UUID.class);
                    return new ParticipantRef(id, rs.getObject(2, UUID.class), mergedInto == null ? id : mergedInto);
                });
        opCounts = new InListQuery<>(n -> dsl.select(CHECKIN_OP.PARTICIPANT_ID, CHECKIN_OP.CHECKIN_DAY, DSL.count())
                .from(CHECKIN_OP).where(CHECKIN_OP.PARTICIPANT_ID.in(placeholders(n, UUID.class)))
                .groupBy(CHECKIN_OP.PARTICIPANT_ID, CHECKIN_OP.CHECKIN_DAY),
                rs -> new DayCount(new ParticipantDay(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class)),
                        rs.getInt(3)));
        stateRows = new InListQuery<>(n -> dsl.select(CHECKIN_STATE.PARTICIPANT_ID, CHECKIN_STATE.CHECKIN_DAY)
                .from(CHECKIN_STATE)
                .where(CHECKIN_STATE.EVENT_ID.eq(DSL.param("event", UUID.class)))
                .and(CHECKIN_STATE.PARTICIPANT_ID.in(placeholders(n, UUID.class))),
                rs -> new ParticipantDay(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class)));
        opsOfParticipants = new InListQuery<>(n -> dsl.select(CHECKIN_OP.OP_ID, CHANGE_LOG.BODY).from(CHECKIN_OP)
                .join(CHANGE_LOG).on(CHANGE_LOG.EVENT_ID.eq(CHECKIN_OP.EVENT_ID)).and(CHANGE_LOG.SEQ.eq(CHECKIN_OP.SEQ))
                .where(CHECKIN_OP.EVENT_ID.eq(DSL.param("event", UUID.class)))
                .and(CHECKIN_OP.CHECKIN_DAY.between(DSL.param("from", LocalDate.class),
                        DSL.param("to", LocalDate.class)))
                .and(CHECKIN_OP.PARTICIPANT_ID.in(placeholders(n, UUID.class))),
                rs -> new StoredOp(rs.getObject(1, UUID.class), rs.getString(2)));
        membersOf = new InListQuery<>(n -> dsl.select(PARTICIPANT.ID, PARTICIPANT.MERGED_INTO).from(PARTICIPANT)
                .where(PARTICIPANT.MERGED_INTO.in(placeholders(n, UUID.class))),
                rs -> new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)});
        insertOp = BatchStatement.insert(dsl, CHECKIN_OP, CHECKIN_OP.OP_ID, CHECKIN_OP.EVENT_ID,
                CHECKIN_OP.PARTICIPANT_ID,
                CHECKIN_OP.CHECKIN_DAY, CHECKIN_OP.OP_ACTION, CHECKIN_OP.SEQ);
        insertState = BatchStatement.insert(dsl, CHECKIN_STATE, CHECKIN_STATE.EVENT_ID, CHECKIN_STATE.PARTICIPANT_ID,
                CHECKIN_STATE.CHECKIN_DAY,
                CHECKIN_STATE.CHECKED_IN, CHECKIN_STATE.FIRST_ADMITTED_AT, CHECKIN_STATE.FIRST_DEVICE,
                CHECKIN_STATE.DUPLICATE_ADMISSION, CHECKIN_STATE.REENTRIES);
        updateState = BatchStatement.of(dsl.update(CHECKIN_STATE)
                .set(CHECKIN_STATE.CHECKED_IN, DSL.param("checkedIn", Boolean.class))
                .set(CHECKIN_STATE.FIRST_ADMITTED_AT, DSL.param("firstAdmittedAt", Long.class))
                .set(CHECKIN_STATE.FIRST_DEVICE, DSL.param("firstDevice", String.class))
                .set(CHECKIN_STATE.DUPLICATE_ADMISSION, DSL.param("duplicate", Boolean.class))
                .set(CHECKIN_STATE.REENTRIES, DSL.param("reentries", Integer.class))
                .where(CHECKIN_STATE.PARTICIPANT_ID.eq(DSL.param("participant", UUID.class)))
                .and(CHECKIN_STATE.CHECKIN_DAY.eq(DSL.param("day", LocalDate.class)))
                .and(CHECKIN_STATE.EVENT_ID.eq(DSL.param("event", UUID.class))));
        deleteStates = BatchStatement.of(dsl.deleteFrom(CHECKIN_STATE)
                .where(CHECKIN_STATE.PARTICIPANT_ID.eq(DSL.param("participant", UUID.class)))
                .and(CHECKIN_STATE.EVENT_ID.eq(DSL.param("event", UUID.class))));
    }
}
