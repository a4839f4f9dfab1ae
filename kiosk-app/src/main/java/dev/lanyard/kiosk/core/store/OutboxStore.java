package dev.lanyard.kiosk.core.store;

import static dev.lanyard.kiosk.core.store.jooq.Tables.OUTBOX;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * What this device still owes the server, in the order it was made. A row leaves only when the
 * server has answered for it: accepted or duplicate (deleted) or rejected (moved to
 * {@link DeadLetterStore} with the reason). Nothing else removes a row.
 */
public final class OutboxStore {
    public enum Kind { OP, PATCH, DRAWING, ATTEMPT }

    public record Item(long id, UUID eventId, Kind kind, UUID itemId, String body, long createdAt) {
    }

    private OutboxStore() {
    }

    public static void add(Tx tx, UUID eventId, Kind kind, UUID itemId, String body, long now) {
        tx.dsl().insertInto(OUTBOX).set(OUTBOX.EVENT_ID, eventId).set(OUTBOX.KIND, kind.name()).set(OUTBOX.ITEM_ID, itemId)
                .set(OUTBOX.BODY, body).set(OUTBOX.CREATED_AT, now).execute();
    }

    /** The oldest pending item's event, if any. */
    public static UUID oldestEvent(Tx tx) {
        return tx.dsl().select(OUTBOX.EVENT_ID).from(OUTBOX).orderBy(OUTBOX.ID).limit(1).fetchOne(OUTBOX.EVENT_ID);
    }

    public static List<Item> oldest(Tx tx, UUID eventId, int limit) {
        return tx.dsl().selectFrom(OUTBOX).where(OUTBOX.EVENT_ID.eq(eventId)).orderBy(OUTBOX.ID).limit(limit)
                .fetch(r -> new Item(r.getId(), r.getEventId(), Kind.valueOf(r.getKind()), r.getItemId(), r.getBody(), r.getCreatedAt()));
    }

    public static void remove(Tx tx, Collection<Long> ids) {
        if (!ids.isEmpty()) {
            tx.dsl().deleteFrom(OUTBOX).where(OUTBOX.ID.in(ids)).execute();
        }
    }

    public static int count(Tx tx) {
        return tx.dsl().fetchCount(OUTBOX);
    }

    public static int count(Tx tx, Kind kind) {
        return tx.dsl().fetchCount(OUTBOX, OUTBOX.KIND.eq(kind.name()));
    }
}
