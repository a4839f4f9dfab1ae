package dev.lanyard.server.sync;

import static dev.lanyard.server.db.jooq.Tables.AUDIT_LOG;

import dev.lanyard.model.Ids;
import dev.lanyard.server.db.Database;
import java.time.Clock;
import java.util.UUID;

/** Who exported, imported or erased personal data, and when. */
public final class AuditLog {
    private final Database db;
    private final Clock clock;

    public AuditLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public void record(String actor, String action, UUID eventId, String subject) {
        db.dsl().insertInto(AUDIT_LOG).set(AUDIT_LOG.ID, Ids.newId()).set(AUDIT_LOG.AT_MILLIS, clock.millis())
                .set(AUDIT_LOG.ACTOR, actor).set(AUDIT_LOG.ACTION, action).set(AUDIT_LOG.EVENT_ID, eventId)
                .set(AUDIT_LOG.SUBJECT, subject).execute();
    }

    public int count(UUID eventId, String action) {
        return db.dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.EVENT_ID.eq(eventId).and(AUDIT_LOG.ACTION.eq(action)));
    }

    public record Entry(java.time.Instant at, String actor, String action, String subject) {
    }

    /** The event's newest entries first, at most {@code limit}. */
    public java.util.List<Entry> recent(UUID eventId, int limit) {
        return db.dsl().select(AUDIT_LOG.AT_MILLIS, AUDIT_LOG.ACTOR, AUDIT_LOG.ACTION, AUDIT_LOG.SUBJECT)
                .from(AUDIT_LOG)
                .where(AUDIT_LOG.EVENT_ID.eq(eventId)).orderBy(AUDIT_LOG.AT_MILLIS.desc()).limit(limit)
                .fetch(r -> new Entry(java.time.Instant.ofEpochMilli(r.value1()), r.value2(), r.value3(), r.value4()));
    }
}
