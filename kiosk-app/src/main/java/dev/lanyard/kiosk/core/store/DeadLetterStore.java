package dev.lanyard.kiosk.core.store;

import static dev.lanyard.kiosk.core.store.jooq.Tables.DEAD_LETTER;
import static dev.lanyard.kiosk.core.store.jooq.Tables.OUTBOX;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Items the server refused, with its reason: shown to staff, kept until staff requeue them. */
public final class DeadLetterStore {
    public record DeadLetter(long id, UUID eventId, OutboxStore.Kind kind, UUID itemId, String body, String reason,
            Instant failedAt) {
    }

    private DeadLetterStore() {
    }

    public static void add(Tx tx, OutboxStore.Item item, String reason, long now) {
        String cut = reason == null || reason.isBlank() ? "rejected without a reason" : reason.length() > 2000
                ? reason.substring(0, 2000) : reason;
        tx.dsl().insertInto(DEAD_LETTER).set(DEAD_LETTER.EVENT_ID, item.eventId())
                .set(DEAD_LETTER.KIND, item.kind().name())
                .set(DEAD_LETTER.ITEM_ID, item.itemId()).set(DEAD_LETTER.ENTITY_ID, item.entityId())
                .set(DEAD_LETTER.BODY, Bytes.val(tx.cipher().seal(item.body()))).set(DEAD_LETTER.REASON, cut)
                .set(DEAD_LETTER.FAILED_AT, now).execute();
    }

    /**
     * Moves an outbox row into the dead letters with its body as stored, sealed bytes and all: a copy that cannot be
     * opened is kept as it is rather than replaced by what could be read of it.
     */
    public static void moveAsStored(Tx tx, long outboxId, String reason, long now) {
        Jdbc.update(tx, "insert into dead_letter (event_id, kind, item_id, entity_id, body, reason, failed_at)"
                + " select event_id, kind, item_id, entity_id, body, ?, ? from outbox where id = ?", reason, now,
                outboxId);
        OutboxStore.remove(tx, List.of(outboxId));
    }

    /** Every dead letter; the body of one that does not open (damaged on the disk) is null. */
    public static List<DeadLetter> all(Tx tx) {
        return tx.dsl().selectFrom(DEAD_LETTER).orderBy(DEAD_LETTER.ID)
                .fetch(r -> new DeadLetter(r.getId(), r.getEventId(),
                OutboxStore.Kind.valueOf(r.getKind()), r.getItemId(), OutboxStore.openOrNull(tx, r.getBody()),
                r.getReason(), Instant.ofEpochMilli(r.getFailedAt())));
    }

    /** Asked after every push (the sync status), while a scan may wait: fixed SQL (ADR 0331). */
    public static int count(Tx tx) {
        return Jdbc.first(tx, "select count(*) from dead_letter", r -> r.getInt(1));
    }

    /** Puts a dead letter back in the outbox (after staff fixed the cause on the server). @return whether it existed */
    public static boolean requeue(Tx tx, long id, long now) {
        var row = tx.dsl().selectFrom(DEAD_LETTER).where(DEAD_LETTER.ID.eq(id)).fetchOne();
        if (row == null) {
            return false;
        }
        tx.dsl().insertInto(OUTBOX).set(OUTBOX.EVENT_ID, row.getEventId()).set(OUTBOX.KIND, row.getKind())
                .set(OUTBOX.ITEM_ID, row.getItemId()).set(OUTBOX.ENTITY_ID, row.getEntityId())
                .set(OUTBOX.BODY, Bytes.val(row.getBody())).set(OUTBOX.CREATED_AT, now).execute();
        tx.dsl().deleteFrom(DEAD_LETTER).where(DEAD_LETTER.ID.eq(id)).execute();
        return true;
    }
}
