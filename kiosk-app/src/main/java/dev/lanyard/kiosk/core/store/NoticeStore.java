package dev.lanyard.kiosk.core.store;

import static dev.lanyard.kiosk.core.store.jooq.Tables.CONFLICT_NOTICE;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Conflict notices: at most one per overturned item, kept until staff acknowledge it. */
public final class NoticeStore {
    public record Row(long id, UUID eventId, String kind, UUID subjectId, UUID participantId, String message,
                      Instant createdAt,
                      boolean acknowledged) {
    }

    private NoticeStore() {
    }

    /** @return the new notice, or empty when this item already has one */
    public static Optional<Row> addIfAbsent(Tx tx, UUID eventId, String kind, UUID subjectId, UUID participantId,
            String message, long now) {
        if (tx.dsl().fetchExists(CONFLICT_NOTICE, CONFLICT_NOTICE.KIND.eq(kind)
                .and(CONFLICT_NOTICE.SUBJECT_ID.eq(subjectId)))) {
            return Optional.empty();
        }
        tx.dsl().insertInto(CONFLICT_NOTICE).set(CONFLICT_NOTICE.EVENT_ID, eventId).set(CONFLICT_NOTICE.KIND, kind)
                .set(CONFLICT_NOTICE.SUBJECT_ID, subjectId).set(CONFLICT_NOTICE.PARTICIPANT_ID, participantId)
                .set(CONFLICT_NOTICE.MESSAGE, Bytes.val(tx.cipher().seal(message))).set(CONFLICT_NOTICE.CREATED_AT, now)
                .set(CONFLICT_NOTICE.ACKNOWLEDGED, false)
                .execute();
        return tx.dsl().selectFrom(CONFLICT_NOTICE).where(CONFLICT_NOTICE.KIND.eq(kind))
                .and(CONFLICT_NOTICE.SUBJECT_ID.eq(subjectId))
                .fetchOptional(r -> toRow(tx, r));
    }

    public static List<Row> open(Tx tx) {
        return tx.dsl().selectFrom(CONFLICT_NOTICE).where(CONFLICT_NOTICE.ACKNOWLEDGED.isFalse())
                .orderBy(CONFLICT_NOTICE.ID).fetch(r -> toRow(tx, r));
    }

    public static List<Row> all(Tx tx) {
        return tx.dsl().selectFrom(CONFLICT_NOTICE).orderBy(CONFLICT_NOTICE.ID).fetch(r -> toRow(tx, r));
    }

    public static boolean acknowledge(Tx tx, long id) {
        return tx.dsl().update(CONFLICT_NOTICE).set(CONFLICT_NOTICE.ACKNOWLEDGED, true).where(CONFLICT_NOTICE.ID.eq(id))
                .execute() > 0;
    }

    /**
     * Forgets the notices about these participants (anonymized: a notice names them, a walk-in's one their email too,
     * and nothing of it is any use once they are erased).
     */
    public static int forgetParticipants(Tx tx, java.util.Collection<UUID> participantIds) {
        return participantIds.isEmpty() ? 0 : tx.dsl().deleteFrom(CONFLICT_NOTICE)
                .where(CONFLICT_NOTICE.PARTICIPANT_ID.in(participantIds)).execute();
    }

    private static Row toRow(Tx tx, dev.lanyard.kiosk.core.store.jooq.tables.records.ConflictNoticeRecord r) {
        return new Row(r.getId(), r.getEventId(), r.getKind(), r.getSubjectId(), r.getParticipantId(),
                tx.cipher().open(r.getMessage()),
                Instant.ofEpochMilli(r.getCreatedAt()), r.getAcknowledged());
    }
}
