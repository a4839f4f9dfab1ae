package dev.lanyard.kiosk.core.store;

import static dev.lanyard.kiosk.core.store.jooq.Tables.SCAN_ATTEMPT;

import dev.lanyard.model.ScanAttempt;
import dev.lanyard.model.json.Json;
import java.util.List;
import org.jooq.Record1;
import java.util.UUID;

/** Every scan or admit attempt made at this door, whatever came of it. */
public final class ScanAttemptLog {
    private static final String ADD = "insert into scan_attempt (attempt_id, event_id, participant_id, checkin_day,"
            + " outcome, at_millis, op_id, body) values (?, ?, ?, ?, ?, ?, ?, ?)";

    private ScanAttemptLog() {
    }

    /** Every scan adds one, so fixed SQL (ADR 0331). */
    public static void add(Tx tx, ScanAttempt attempt) {
        Jdbc.update(tx, ADD, attempt.attemptId(), attempt.eventId(), attempt.participantId(), attempt.day(),
                attempt.outcome().wire(), attempt.at().toEpochMilli(), attempt.opId(),
                tx.cipher().seal(Json.write(attempt)));
    }

    public static List<ScanAttempt> recent(Tx tx, UUID eventId, int limit) {
        return tx.dsl().select(Bytes.col(SCAN_ATTEMPT.BODY)).from(SCAN_ATTEMPT).where(SCAN_ATTEMPT.EVENT_ID.eq(eventId))
                .orderBy(SCAN_ATTEMPT.AT_MILLIS.desc()).limit(limit)
                .fetch(Record1::value1).stream().map(b -> Json.read(tx.cipher().openBytes(b), ScanAttempt.class))
                .toList();
    }

    /** Whether the attempt that made op {@code opId} is logged. */
    public static boolean existsForOp(Tx tx, UUID opId) {
        return tx.dsl().fetchExists(SCAN_ATTEMPT, SCAN_ATTEMPT.OP_ID.eq(opId));
    }

    public static int count(Tx tx) {
        return tx.dsl().fetchCount(SCAN_ATTEMPT);
    }
}
