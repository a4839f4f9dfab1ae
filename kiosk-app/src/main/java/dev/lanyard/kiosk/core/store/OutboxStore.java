package dev.lanyard.kiosk.core.store;

import static dev.lanyard.kiosk.core.store.jooq.Tables.OUTBOX;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What this device still owes the server, in the order it was made. A row leaves only when
 * the server provably has it: the change feed shows the item at the seq the server
 * acknowledged (a server that crashes right after answering can lose what it acknowledged;
 * such rows are sent again, see {@link #expireUnconfirmed}), or the server refused it (moved
 * to {@link DeadLetterStore} with the reason). Nothing else removes a row.
 *
 * <p>{@code entityId} is what the feed will show for the item: the op id, the patched
 * participant's id, the drawing id (attempts never appear in the feed).
 */
public final class OutboxStore {
    public enum Kind { OP, PATCH, DRAWING, ATTEMPT }

    public record Item(long id, UUID eventId, Kind kind, UUID itemId, UUID entityId, String body, long createdAt) {
    }

    private static final String ACKNOWLEDGE = "update outbox set acked_seq = ?, push_id = ? where id = ?";
    /** Ops confirmed per statement (an IN list H2 reads off {@code outbox_entity}). */
    private static final int CHUNK = 500;

    private OutboxStore() {
    }

    public static void add(Tx tx, UUID eventId, Kind kind, UUID itemId, UUID entityId, String body, long now) {
        tx.dsl().insertInto(OUTBOX).set(OUTBOX.EVENT_ID, eventId).set(OUTBOX.KIND, kind.name())
                .set(OUTBOX.ITEM_ID, itemId)
                .set(OUTBOX.ENTITY_ID, entityId).set(OUTBOX.BODY, Bytes.val(tx.cipher().seal(body)))
                .set(OUTBOX.CREATED_AT, now).execute();
    }

    /** The event of the oldest item not yet acknowledged, if any. */
    /** The ids of the event's items waiting in the outbox (sent or not). */
    public static Set<UUID> itemIds(Tx tx, UUID eventId) {
        return new HashSet<>(tx.dsl().select(OUTBOX.ITEM_ID).from(OUTBOX).where(OUTBOX.EVENT_ID.eq(eventId))
                .fetch(OUTBOX.ITEM_ID));
    }

    public static UUID oldestEvent(Tx tx) {
        return tx.dsl().select(OUTBOX.EVENT_ID).from(OUTBOX).where(OUTBOX.ACKED_SEQ.isNull()).orderBy(OUTBOX.ID)
                .limit(1)
                .fetchOne(OUTBOX.EVENT_ID);
    }

    /** The oldest items of an event that still have to be sent. */
    public static List<Item> oldest(Tx tx, UUID eventId, int limit) {
        return tx.dsl().select(OUTBOX.ID, OUTBOX.EVENT_ID, OUTBOX.KIND, OUTBOX.ITEM_ID, OUTBOX.ENTITY_ID,
                Bytes.col(OUTBOX.BODY), OUTBOX.CREATED_AT)
                .from(OUTBOX).where(OUTBOX.EVENT_ID.eq(eventId)).and(OUTBOX.ACKED_SEQ.isNull()).orderBy(OUTBOX.ID)
                .limit(limit)
                .fetch(r -> new Item(r.value1(), r.value2(), Kind.valueOf(r.value3()), r.value4(), r.value5(),
                        tx.cipher().open(r.value6()),
                        r.value7()));
    }

    /** Replaces what a row will send (the item stamped anew after the server refused it for its clock). */
    public static void replaceBody(Tx tx, long id, String body) {
        tx.dsl().update(OUTBOX).set(OUTBOX.BODY, Bytes.val(tx.cipher().seal(body))).where(OUTBOX.ID.eq(id)).execute();
    }

    /**
     * Records the server's acknowledgements (row id -> seq) of one push; the rows wait for the feed to confirm them.
     */
    public static void acknowledge(Tx tx, long pushId, Map<Long, Long> seqByRow) {
        if (seqByRow.isEmpty()) {
            return;
        }
        // one JDBC batch: the push's transaction holds the replica's one writer while a scan may wait (ADR 0330)
        tx.dsl().connection(c -> {
            try (PreparedStatement update = c.prepareStatement(ACKNOWLEDGE)) {
                for (Map.Entry<Long, Long> ack : seqByRow.entrySet()) {
                    update.setLong(1, ack.getValue());
                    update.setLong(2, pushId);
                    update.setLong(3, ack.getKey());
                    update.addBatch();
                }
                update.executeBatch();
            }
        });
    }

    public static void remove(Tx tx, Collection<Long> ids) {
        if (!ids.isEmpty()) {
            tx.dsl().deleteFrom(OUTBOX).where(OUTBOX.ID.in(ids)).execute();
        }
    }

    public static boolean anyAcknowledged(Tx tx, UUID eventId) {
        return tx.dsl().fetchExists(OUTBOX, OUTBOX.EVENT_ID.eq(eventId).and(OUTBOX.ACKED_SEQ.isNotNull()));
    }

    /**
     * The feed showed {@code entityId} at {@code seq}: the server has the item for good. Removes
     * it, with the rest of the push it travelled in (one server transaction). A check-in op is
     * confirmed by its id alone, acknowledged or not; other kinds need the acknowledged seq.
     *
     * @return how many rows were confirmed
     */
    public static int confirm(Tx tx, UUID eventId, Kind kind, UUID entityId, long seq) {
        var match = OUTBOX.EVENT_ID.eq(eventId).and(OUTBOX.KIND.eq(kind.name())).and(OUTBOX.ENTITY_ID.eq(entityId));
        if (kind != Kind.OP) {
            match = match.and(OUTBOX.ACKED_SEQ.eq(seq));
        }
        List<Long> pushes = tx.dsl().selectDistinct(OUTBOX.PUSH_ID).from(OUTBOX).where(match)
                .and(OUTBOX.PUSH_ID.isNotNull())
                .fetch(OUTBOX.PUSH_ID);
        int removed = tx.dsl().deleteFrom(OUTBOX).where(match).execute();
        if (!pushes.isEmpty()) {
            removed += tx.dsl().deleteFrom(OUTBOX).where(OUTBOX.PUSH_ID.in(pushes)).execute();
        }
        return removed;
    }

    /**
     * {@link #confirm} for check-in ops the feed showed, many at once: a page of the door's own ops coming back
     * confirms them in a few statements per {@value #CHUNK}, not two each, while a scan may wait (ADR 0330).
     *
     * @return how many rows were confirmed
     */
    public static int confirmOps(Tx tx, UUID eventId, Collection<UUID> opIds) {
        List<UUID> ids = List.copyOf(opIds);
        Set<Long> pushes = new HashSet<>();
        int removed = 0;
        for (int i = 0; i < ids.size(); i += CHUNK) {
            var match = OUTBOX.EVENT_ID.eq(eventId).and(OUTBOX.KIND.eq(Kind.OP.name()))
                    .and(OUTBOX.ENTITY_ID.in(ConstantIds.of(ids.subList(i, Math.min(ids.size(), i + CHUNK)))));
            pushes.addAll(tx.dsl().selectDistinct(OUTBOX.PUSH_ID).from(OUTBOX).where(match)
                    .and(OUTBOX.PUSH_ID.isNotNull()).fetch(OUTBOX.PUSH_ID));
            removed += tx.dsl().deleteFrom(OUTBOX).where(match).execute();
        }
        if (!pushes.isEmpty()) {
            removed += tx.dsl().deleteFrom(OUTBOX).where(OUTBOX.PUSH_ID.in(pushes)).execute();
        }
        return removed;
    }

    /**
     * Rows acknowledged at or below {@code position} that the feed did not show: the server lost
     * them after answering (a crash before its commit reached disk). They go back to be sent.
     *
     * @return how many rows were put back
     */
    public static int expireUnconfirmed(Tx tx, UUID eventId, long position) {
        List<Long> lost = tx.dsl().selectDistinct(OUTBOX.PUSH_ID).from(OUTBOX)
                .where(OUTBOX.EVENT_ID.eq(eventId)).and(OUTBOX.ACKED_SEQ.le(position)).fetch(OUTBOX.PUSH_ID);
        if (lost.isEmpty()) {
            return 0;
        }
        // a push is one server transaction: if part of it is gone, all of it is
        return tx.dsl().update(OUTBOX).setNull(OUTBOX.ACKED_SEQ).setNull(OUTBOX.PUSH_ID).where(OUTBOX.PUSH_ID.in(lost))
                .execute();
    }

    /** Everything owed: unsent, and sent but not yet confirmed by the feed. */
    public static int count(Tx tx) {
        return tx.dsl().fetchCount(OUTBOX);
    }

    public static int count(Tx tx, Kind kind) {
        return tx.dsl().fetchCount(OUTBOX, OUTBOX.KIND.eq(kind.name()));
    }

    /** Items not yet acknowledged by the server. */
    public static int unsent(Tx tx) {
        return tx.dsl().fetchCount(OUTBOX, OUTBOX.ACKED_SEQ.isNull());
    }
}
