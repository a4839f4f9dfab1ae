package dev.lanyard.server.email;

import static dev.lanyard.server.db.jooq.Tables.EMAIL_OUTBOX;

import dev.lanyard.model.Ids;
import dev.lanyard.server.db.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The outbox table. A row is inserted only where none exists for its participant and kind, and a
 * row is taken for sending only by the one update that finds it still pending: with the unique
 * key that is what keeps any number of concurrent callers, servers or retries from sending a
 * kind twice.
 */
public final class EmailOutbox {
    private final Database db;

    public EmailOutbox(Database db) {
        this.db = db;
    }

    /**
     * A row to add. {@code recipient}: only for the deletion confirmation, whose address is gone from the participant.
     */
    public record NewRow(UUID eventId, UUID participantId, EmailKind kind, Instant dueAt, String recipient) {
    }

    /** Adds the rows that do not exist yet; returns how many it added. */
    public int enqueue(List<NewRow> rows, Instant now) {
        return enqueue(rows, null, now);
    }

    /**
     * As {@link #enqueue(List, Instant)}; a row that exists, cancelled for {@code cancelledBecause} (a participant who
     * is eligible again), becomes pending again at the new row's time instead.
     */
    public int enqueue(List<NewRow> rows, String cancelledBecause, Instant now) {
        if (rows.isEmpty()) {
            return 0;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return db.inTransaction(tx -> {
                    int added = 0;
                    for (NewRow r : rows) {
                        int inserted = insertIfAbsent(tx, r, now);
                        added += inserted;
                        if (inserted == 0 && cancelledBecause != null) {
                            reopen(tx, r, cancelledBecause);
                        }
                    }
                    return added;
                });
            } catch (DataAccessException raced) {
                // another caller inserted one of the rows between our check and our insert: the unique key refused
                // it, and the whole batch is tried again (rows that exist now are skipped)
                if (attempt == 3) {
                    throw raced;
                }
            }
        }
    }

    private static int insertIfAbsent(DSLContext tx, NewRow r, Instant now) {
        return tx.insertInto(EMAIL_OUTBOX, EMAIL_OUTBOX.ID, EMAIL_OUTBOX.EVENT_ID, EMAIL_OUTBOX.PARTICIPANT_ID,
                        EMAIL_OUTBOX.KIND,
                        EMAIL_OUTBOX.STATUS, EMAIL_OUTBOX.DUE_AT, EMAIL_OUTBOX.ATTEMPTS, EMAIL_OUTBOX.RECIPIENT,
                        EMAIL_OUTBOX.CREATED_AT)
                .select(DSL.select(DSL.val(Ids.newId()), DSL.val(r.eventId()), DSL.val(r.participantId()),
                                DSL.val(r.kind().wire()),
                                DSL.val(EmailStatus.PENDING.wire()), DSL.val(r.dueAt().toEpochMilli()), DSL.val(0),
                                DSL.val(r.recipient(), EMAIL_OUTBOX.RECIPIENT), DSL.val(now.toEpochMilli()))
                        .whereNotExists(DSL.selectOne().from(EMAIL_OUTBOX)
                                .where(EMAIL_OUTBOX.PARTICIPANT_ID.eq(r.participantId())
                                .and(EMAIL_OUTBOX.KIND.eq(r.kind().wire())))))
                .execute();
    }

    private static void reopen(DSLContext tx, NewRow r, String cancelledBecause) {
        tx.update(EMAIL_OUTBOX).set(EMAIL_OUTBOX.STATUS, EmailStatus.PENDING.wire())
                .set(EMAIL_OUTBOX.DUE_AT, r.dueAt().toEpochMilli()).set(EMAIL_OUTBOX.REASON, (String) null)
                .where(EMAIL_OUTBOX.PARTICIPANT_ID.eq(r.participantId()).and(EMAIL_OUTBOX.KIND.eq(r.kind().wire()))
                        .and(EMAIL_OUTBOX.STATUS.eq(EmailStatus.CANCELLED.wire()))
                        .and(EMAIL_OUTBOX.REASON.eq(cancelledBecause))).execute();
    }

    /** Rows due for sending, oldest first. */
    public List<OutboxRow> due(Instant now, int limit) {
        return db.dsl().selectFrom(EMAIL_OUTBOX).where(EMAIL_OUTBOX.STATUS.eq(EmailStatus.PENDING.wire())
                .and(EMAIL_OUTBOX.DUE_AT.le(now.toEpochMilli()))).orderBy(EMAIL_OUTBOX.DUE_AT, EMAIL_OUTBOX.ID)
                .limit(limit)
                .fetch(EmailOutbox::row);
    }

    /**
     * Takes a pending row for sending: records the Message-ID and {@code sending} (committed)
     * before anything goes to SMTP. False when another worker took it or it is no longer pending.
     */
    public boolean claim(UUID id, String messageId, Instant now) {
        return db.dsl().update(EMAIL_OUTBOX).set(EMAIL_OUTBOX.STATUS, EmailStatus.SENDING.wire())
                .set(EMAIL_OUTBOX.MESSAGE_ID, messageId).set(EMAIL_OUTBOX.SENDING_SINCE, now.toEpochMilli())
                .set(EMAIL_OUTBOX.ATTEMPTS, EMAIL_OUTBOX.ATTEMPTS.plus(1))
                .where(EMAIL_OUTBOX.ID.eq(id).and(EMAIL_OUTBOX.STATUS.eq(EmailStatus.PENDING.wire()))).execute() == 1;
    }

    public void sent(UUID id, Instant now) {
        db.dsl().update(EMAIL_OUTBOX).set(EMAIL_OUTBOX.STATUS, EmailStatus.SENT.wire())
                .set(EMAIL_OUTBOX.SENT_AT, now.toEpochMilli())
                .set(EMAIL_OUTBOX.REASON, (String) null).setNull(EMAIL_OUTBOX.RECIPIENT).where(EMAIL_OUTBOX.ID.eq(id))
                .execute();
    }

    public void retryAt(UUID id, Instant when, String reason) {
        db.dsl().update(EMAIL_OUTBOX).set(EMAIL_OUTBOX.STATUS, EmailStatus.PENDING.wire())
                .set(EMAIL_OUTBOX.DUE_AT, when.toEpochMilli())
                .set(EMAIL_OUTBOX.REASON, clip(reason)).where(EMAIL_OUTBOX.ID.eq(id)).execute();
    }

    /** A final state other than sent: failed, unknown or cancelled, with why. */
    public void finish(UUID id, EmailStatus status, String reason) {
        var update = db.dsl().update(EMAIL_OUTBOX).set(EMAIL_OUTBOX.STATUS, status.wire())
                .set(EMAIL_OUTBOX.REASON, clip(reason));
        // an address kept only for the deletion notice goes once nothing more will be sent to it
        (status == EmailStatus.UNKNOWN ? update : update.setNull(EMAIL_OUTBOX.RECIPIENT)).where(EMAIL_OUTBOX.ID.eq(id))
                .execute();
    }

    /** Cancels what is still pending for a participant (cancelled, anonymized, merged, lost the address). */
    public int cancelPending(UUID participantId, String reason) {
        return db.dsl().update(EMAIL_OUTBOX).set(EMAIL_OUTBOX.STATUS, EmailStatus.CANCELLED.wire())
                .set(EMAIL_OUTBOX.REASON, reason)
                .where(EMAIL_OUTBOX.PARTICIPANT_ID.eq(participantId)
                        .and(EMAIL_OUTBOX.STATUS.eq(EmailStatus.PENDING.wire()))
                        .and(EMAIL_OUTBOX.KIND.ne(EmailKind.DELETION_CONFIRMED.wire()))).execute();
    }

    public int cancelPending(UUID eventId, EmailKind kind, String reason) {
        return db.dsl().update(EMAIL_OUTBOX).set(EMAIL_OUTBOX.STATUS, EmailStatus.CANCELLED.wire())
                .set(EMAIL_OUTBOX.REASON, reason)
                .where(EMAIL_OUTBOX.EVENT_ID.eq(eventId).and(EMAIL_OUTBOX.KIND.eq(kind.wire()))
                        .and(EMAIL_OUTBOX.STATUS.eq(EmailStatus.PENDING.wire()))).execute();
    }

    /**
     * A kind switched on again: its cancelled rows (from when it was off) become pending. Rows
     * cancelled because of the participant are not touched here; the caller re-checks them.
     */
    public int reopenCancelled(UUID eventId, EmailKind kind, Instant due) {
        return db.dsl().update(EMAIL_OUTBOX).set(EMAIL_OUTBOX.STATUS, EmailStatus.PENDING.wire())
                .set(EMAIL_OUTBOX.DUE_AT, due.toEpochMilli()).set(EMAIL_OUTBOX.REASON, (String) null)
                .where(EMAIL_OUTBOX.EVENT_ID.eq(eventId).and(EMAIL_OUTBOX.KIND.eq(kind.wire()))
                        .and(EMAIL_OUTBOX.STATUS.eq(EmailStatus.CANCELLED.wire()))
                        .and(EMAIL_OUTBOX.REASON.eq(EmailService.KIND_OFF))).execute();
    }

    /** Moves a timed kind's pending rows to its new due time (the event's dates or hours changed). */
    public int reschedule(UUID eventId, EmailKind kind, Instant due) {
        return db.dsl().update(EMAIL_OUTBOX).set(EMAIL_OUTBOX.DUE_AT, due.toEpochMilli())
                .where(EMAIL_OUTBOX.EVENT_ID.eq(eventId).and(EMAIL_OUTBOX.KIND.eq(kind.wire()))
                        .and(EMAIL_OUTBOX.STATUS.eq(EmailStatus.PENDING.wire()))
                        .and(EMAIL_OUTBOX.DUE_AT.ne(due.toEpochMilli()))).execute();
    }

    /** Rows left {@code sending} since before {@code before}: their hand-off was cut off. */
    public List<OutboxRow> sendingSince(Instant before) {
        return db.dsl().selectFrom(EMAIL_OUTBOX).where(EMAIL_OUTBOX.STATUS.eq(EmailStatus.SENDING.wire())
                .and(EMAIL_OUTBOX.SENDING_SINCE.lt(before.toEpochMilli()))).fetch(EmailOutbox::row);
    }

    /** Failed and unknown rows of an event become pending again, due now, with a fresh count of attempts. */
    public int retry(UUID eventId, Instant now) {
        return db.dsl().update(EMAIL_OUTBOX).set(EMAIL_OUTBOX.STATUS, EmailStatus.PENDING.wire())
                .set(EMAIL_OUTBOX.DUE_AT, now.toEpochMilli()).set(EMAIL_OUTBOX.ATTEMPTS, 0)
                .where(EMAIL_OUTBOX.EVENT_ID.eq(eventId).and(EMAIL_OUTBOX.STATUS.in(EmailStatus.FAILED.wire(),
                        EmailStatus.UNKNOWN.wire()))).execute();
    }

    public Map<EmailKind, Map<EmailStatus, Integer>> counts(UUID eventId) {
        Map<EmailKind, Map<EmailStatus, Integer>> counts = new EnumMap<>(EmailKind.class);
        db.dsl().select(EMAIL_OUTBOX.KIND, EMAIL_OUTBOX.STATUS, DSL.count()).from(EMAIL_OUTBOX)
                .where(EMAIL_OUTBOX.EVENT_ID.eq(eventId))
                .groupBy(EMAIL_OUTBOX.KIND, EMAIL_OUTBOX.STATUS).fetch().forEach(r -> counts
                        .computeIfAbsent(EmailKind.fromWire(r.value1()), k -> new EnumMap<>(EmailStatus.class))
                        .put(EmailStatus.fromWire(r.value2()), r.value3()));
        return counts;
    }

    public List<OutboxRow> forParticipant(UUID participantId) {
        return db.dsl().selectFrom(EMAIL_OUTBOX).where(EMAIL_OUTBOX.PARTICIPANT_ID.eq(participantId))
                .orderBy(EMAIL_OUTBOX.CREATED_AT, EMAIL_OUTBOX.KIND).fetch(EmailOutbox::row);
    }

    public Optional<String> recipient(UUID id) {
        return db.dsl().select(EMAIL_OUTBOX.RECIPIENT).from(EMAIL_OUTBOX).where(EMAIL_OUTBOX.ID.eq(id))
                .fetchOptional(EMAIL_OUTBOX.RECIPIENT);
    }

    private static OutboxRow row(Record r) {
        Long sent = r.get(EMAIL_OUTBOX.SENT_AT);
        return new OutboxRow(r.get(EMAIL_OUTBOX.ID), r.get(EMAIL_OUTBOX.EVENT_ID), r.get(EMAIL_OUTBOX.PARTICIPANT_ID),
                EmailKind.fromWire(r.get(EMAIL_OUTBOX.KIND)), EmailStatus.fromWire(r.get(EMAIL_OUTBOX.STATUS)),
                Instant.ofEpochMilli(r.get(EMAIL_OUTBOX.DUE_AT)), r.get(EMAIL_OUTBOX.ATTEMPTS),
                r.get(EMAIL_OUTBOX.MESSAGE_ID),
                r.get(EMAIL_OUTBOX.REASON), sent == null ? null : Instant.ofEpochMilli(sent));
    }

    private static String clip(String reason) {
        return reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 1000);
    }

    static List<NewRow> rows(UUID eventId, List<UUID> participants, EmailKind kind, Instant due) {
        List<NewRow> rows = new ArrayList<>(participants.size());
        participants.forEach(p -> rows.add(new NewRow(eventId, p, kind, due, null)));
        return rows;
    }
}
