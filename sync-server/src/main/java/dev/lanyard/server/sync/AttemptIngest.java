package dev.lanyard.server.sync;

import dev.lanyard.model.Event;
import dev.lanyard.model.ScanAttempt;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.server.db.BatchStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Scan attempts of one batch. They are audit records, not feed entries: an accepted one answers
 * with the feed position it was stored at.
 */
final class AttemptIngest {
    private final DSLContext tx;
    private final Event event;
    private final IngestSql sql;

    AttemptIngest(DSLContext tx, Event event, IngestSql sql) {
        this.tx = tx;
        this.event = event;
        this.sql = sql;
    }

    List<OpResult> ingest(List<ScanAttempt> attempts, long position) {
        if (attempts.isEmpty()) {
            return List.of();
        }
        Set<UUID> ids = new HashSet<>();
        attempts.forEach(a -> ids.add(a.attemptId()));
        Idempotency<UUID> known = new Idempotency<>();
        for (IngestSql.StoredItem stored : sql.attemptsById.fetch(tx, ids)) {
            known.storedEarlier(stored.id(), stored.body(), stored.seq(), event.id());
        }
        List<OpResult> results = new ArrayList<>();
        BatchStatement.Rows rows = sql.insertAttempt.rows();
        for (ScanAttempt raw : attempts) {
            ScanAttempt attempt = raw.withEventId(event.id());
            String body = Json.write(attempt);
            OpResult again = known.answerIfKnown(attempt.attemptId(), attempt.attemptId(), k -> k.body().equals(body),
                    "attemptId was already used for a different attempt");
            if (again != null) {
                results.add(again);
                continue;
            }
            if (raw.eventId() != null && !raw.eventId().equals(event.id())) {
                results.add(OpResult.rejected(attempt.attemptId(),
                        "attempt names event " + raw.eventId() + ", not " + event.id()));
                continue;
            }
            String beyond = dev.lanyard.model.Require.instantProblem(attempt.at(), "at");
            if (beyond != null) {
                // stored and served, a time no door can show broke every door's view of the event's refused scans
                results.add(OpResult.rejected(attempt.attemptId(), beyond));
                continue;
            }
            rows.add(attempt.attemptId(), event.id(), body, position);
            known.acceptedNow(attempt.attemptId(), body, position, event.id());
            results.add(OpResult.accepted(attempt.attemptId(), position));
        }
        rows.execute(tx);
        return results;
    }
}
