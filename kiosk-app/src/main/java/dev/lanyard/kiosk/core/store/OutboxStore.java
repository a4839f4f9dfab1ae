package dev.lanyard.kiosk.core.store;

import static dev.lanyard.kiosk.core.store.jooq.Tables.OUTBOX;

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
 * to {@link DeadLetterStore} with the reason). Nothing else removes a row. A row the server's
 * version did not understand is {@link #hold held} until {@link #releaseHeld} (ADR 0336).
 *
 * <p>{@code entityId} is what the feed will show for the item: the op id, the patched
 * participant's id, the drawing id (attempts never appear in the feed).
 */
public final class OutboxStore {
    public enum Kind { OP, PATCH, DRAWING, ATTEMPT }

    public record Item(long id, UUID eventId, Kind kind, UUID itemId, UUID entityId, String body, long createdAt) {
    }

    private static final String ADD = "insert into outbox (event_id, kind, item_id, entity_id, body, created_at)"
            + " values (?, ?, ?, ?, ?, ?)";
    // what the outbox's sender and the sync status ask after every push, while a scan may wait (ADR 0331)
    // acked_seq is null in every row asked for; naming it first lets H2 read outbox_unsent in order and stop at the
    // first row (it reads an index in order only when the ORDER BY names the index's columns from the first; ADR 0342)
    static final String OLDEST_EVENT = "select event_id from outbox where acked_seq is null order by acked_seq, id"
            + " limit 1";
    private static final String OLDEST = "select id, event_id, kind, item_id, entity_id, body, created_at from outbox"
            + " where event_id = ? and acked_seq is null order by id limit ?";
    /** Unsent check-ins made after a row (by the primary key: few rows lie above it, ADR 0236). */
    private static final String FRESH_OPS = "select id, event_id, kind, item_id, entity_id, body, created_at"
            + " from outbox where id > ? and acked_seq is null and kind = 'OP' and created_at >= ? order by id limit ?";
    /** The newest unsent check-ins and scan-log lines of an event but one row: items any push may carry first. */
    private static final String NEWEST_UNORDERED = "select id, event_id, kind, item_id, entity_id, body, created_at"
            + " from outbox where event_id = ? and acked_seq is null and kind in ('OP', 'ATTEMPT') and id <> ?"
            + " order by id desc limit ?";
    private static final String OLDEST_EVENT_BUT = "select event_id from outbox where acked_seq is null"
            + " and event_id <> ? order by acked_seq, id limit 1";
    private static final String IS_UNSENT = "select count(*) from outbox where id = ? and acked_seq is null";
    private static final String LAST_ID = "select coalesce(max(id), 0) from outbox";
    /** The most fresh check-ins one live push carries: the server sends at most this many live (ADR 0236). */
    public static final int FRESH_LIMIT = 64;
    private static final String UNSENT_PATCHES_OF = "select distinct entity_id from outbox where kind = 'PATCH'"
            + " and acked_seq is null and entity_id in (" + Jdbc.parameters(FRESH_LIMIT) + ")";
    private static final String REMOVE = "delete from outbox where id = ?";
    private static final String COUNT = "select count(*) from outbox";
    static final String COUNT_OF_KIND = "select count(*) from outbox where kind = ?";
    static final String UNSENT = "select count(*) from outbox where acked_seq is null";
    private static final String ANY_ACKNOWLEDGED = "select 1 from outbox where event_id = ? and acked_seq > 0"
            + " limit 1";
    /**
     * Narrows rows {@code o} to the witnesses of their pushes: the row other than a scan attempt with the push's
     * highest seq. Its entry in the feed shows the push's own server transaction committed; another row's may be an
     * earlier transaction's (an item sent again is answered with the seq it first got), so it confirms only itself.
     */
    private static final String WITNESS = " and o.push_id is not null and o.kind <> 'ATTEMPT' and o.acked_seq ="
            + " (select max(w.acked_seq) from outbox w where w.push_id = o.push_id and w.kind <> 'ATTEMPT')";
    /** The pushes whose witness is one of a chunk of ops (parameters: event, kind, the chunk). */
    private static final String PUSHES_OF_OPS = "select distinct o.push_id from outbox o where o.event_id = ?"
            + " and o.kind = ? and o.entity_id in (" + Jdbc.parameters(OutboxStore.CHUNK) + ")" + WITNESS;
    private static final String PUSHES_WITNESSED_BY = "select distinct o.push_id from outbox o where o.event_id = ?"
            + " and o.kind = ? and o.entity_id = ? and o.acked_seq = ?" + WITNESS;
    private static final String REMOVE_SHOWN = "delete from outbox where event_id = ? and kind = ? and entity_id = ?"
            + " and acked_seq = ?";
    private static final String PUSHES_WITNESSED_AT = "select distinct o.push_id from outbox o where o.event_id = ?"
            + " and o.acked_seq = ?" + WITNESS;
    private static final String REMOVE_AT = "delete from outbox where event_id = ? and acked_seq = ?";
    private static final String REMOVE_OPS = "delete from outbox where event_id = ? and kind = ? and entity_id in ("
            + Jdbc.parameters(OutboxStore.CHUNK) + ")";
    private static final String REMOVE_PUSH = "delete from outbox where push_id = ?";
    /** Scan attempts are not in the feed: only its other items show whether their push is there. */
    private static final String PUSHES_AT_OR_BELOW = "select distinct push_id from outbox where event_id = ?"
            + " and acked_seq <= ? and push_id is not null and kind <> 'ATTEMPT'";
    private static final String UNACKNOWLEDGE_PUSH = "update outbox set acked_seq = null, push_id = null"
            + " where push_id = ?";
    /** Each acknowledged push of an event with the highest seq the server gave it, the latest first. */
    private static final String ACKNOWLEDGED_PUSHES = "select push_id, max(acked_seq) from outbox where event_id = ?"
            + " and push_id is not null group by push_id order by 2 desc";
    private static final String ACKNOWLEDGE = "update outbox set acked_seq = ?, push_id = ? where id = ?";
    /**
     * The {@code acked_seq} of an item the server's version did not understand (ADR 0336): not unsent, so no flush
     * picks it up, and not acknowledged, so the feed neither confirms nor expires it. Seqs start at 1.
     */
    static final long HELD = -1;
    private static final String HOLD = "update outbox set acked_seq = " + HELD + ", push_id = null where id = ?";
    static final String RELEASE_HELD = "update outbox set acked_seq = null where acked_seq = " + HELD;
    /** Ops confirmed per statement (an IN list H2 reads off {@code outbox_entity}). */
    private static final int CHUNK = 500;

    private OutboxStore() {
    }

    public static void add(Tx tx, UUID eventId, Kind kind, UUID itemId, UUID entityId, String body, long now) {
        Jdbc.update(tx, ADD, eventId, kind.name(), itemId, entityId, tx.cipher().seal(body), now);
    }

    /** The event of the oldest item not yet acknowledged, if any. */
    /** The ids of the event's items waiting in the outbox (sent or not). */
    public static Set<UUID> itemIds(Tx tx, UUID eventId) {
        return new HashSet<>(tx.dsl().select(OUTBOX.ITEM_ID).from(OUTBOX).where(OUTBOX.EVENT_ID.eq(eventId))
                .fetch(OUTBOX.ITEM_ID));
    }

    public static UUID oldestEvent(Tx tx) {
        return Jdbc.first(tx, OLDEST_EVENT, r -> r.getObject(1, UUID.class));
    }

    /** The oldest items of an event that still have to be sent. */
    public static List<Item> oldest(Tx tx, UUID eventId, int limit) {
        return Jdbc.list(tx, OLDEST, r -> item(tx, r), eventId, limit);
    }

    /**
     * A row of {@link #OLDEST} or {@link #FRESH_OPS}, its body opened; a body that does not open (damaged on the disk)
     * is null, so that the sender sets that one item aside instead of failing every flush before it.
     */
    private static Item item(Tx tx, java.sql.ResultSet r) throws java.sql.SQLException {
        return new Item(r.getLong(1), r.getObject(2, UUID.class), Kind.valueOf(r.getString(3)),
                r.getObject(4, UUID.class), r.getObject(5, UUID.class), openOrNull(tx, r.getBytes(6)), r.getLong(7));
    }

    /** The opened value, or null when its sealed bytes fail to authenticate. */
    static String openOrNull(Tx tx, byte[] sealed) {
        try {
            return tx.cipher().open(sealed);
        } catch (IllegalStateException damaged) {
            return null;
        }
    }

    /** The id of the newest row, 0 when there is none: what is added later is fresh (ADR 0236). */
    public static long lastId(Tx tx) {
        return Jdbc.first(tx, LAST_ID, r -> r.getLong(1));
    }

    /**
     * Unsent check-in ops added after row {@code afterId} and at or after {@code since} (epoch ms), oldest first, at
     * most {@link #FRESH_LIMIT}.
     */
    public static List<Item> freshOps(Tx tx, long afterId, long since, int limit) {
        return Jdbc.list(tx, FRESH_OPS, r -> item(tx, r), afterId, since, Math.min(limit, FRESH_LIMIT));
    }

    /**
     * Unsent check-ins and scan-log lines of {@code eventId} but row {@code exceptId}, newest first, at most
     * {@link #FRESH_LIMIT}: their order does not matter to the server, so one may be sent ahead of older items.
     */
    public static List<Item> newestUnordered(Tx tx, UUID eventId, long exceptId, int limit) {
        return Jdbc.list(tx, NEWEST_UNORDERED, r -> item(tx, r), eventId, exceptId, Math.min(limit, FRESH_LIMIT));
    }

    /** As {@link #oldestEvent}, of the events but {@code skipped}. */
    public static UUID oldestEventBut(Tx tx, UUID skipped) {
        return Jdbc.first(tx, OLDEST_EVENT_BUT, r -> r.getObject(1, UUID.class), skipped);
    }

    /** Whether row {@code id} is still in the outbox and not acknowledged. */
    public static boolean isUnsent(Tx tx, long id) {
        Integer n = Jdbc.first(tx, IS_UNSENT, r -> r.getInt(1), id);
        return n != null && n > 0;
    }

    /** Of these participants (at most {@link #FRESH_LIMIT}), those with a patch the server has not acknowledged. */
    public static Set<UUID> withUnsentPatches(Tx tx, Collection<UUID> participantIds) {
        return new HashSet<>(Jdbc.listIn(tx, UNSENT_PATCHES_OF, List.copyOf(participantIds), FRESH_LIMIT,
                r -> r.getObject(1, UUID.class)));
    }

    /** Replaces what a row will send (the item stamped anew after the server refused it for its clock). */
    public static void replaceBody(Tx tx, long id, String body) {
        tx.dsl().update(OUTBOX).set(OUTBOX.BODY, Bytes.val(tx.cipher().seal(body))).where(OUTBOX.ID.eq(id)).execute();
    }

    /**
     * Records the server's acknowledgements (row id -> seq) of one push; the rows wait for the feed to confirm them.
     * The push is named by its least acknowledged row: no other push still waiting holds that row, so no two do
     * (the first row sent may go again in the next push when it was not acknowledged).
     */
    public static void acknowledge(Tx tx, Map<Long, Long> seqByRow) {
        if (seqByRow.isEmpty()) {
            return;
        }
        long pushId = java.util.Collections.min(seqByRow.keySet());
        // one JDBC batch: the push's transaction holds the replica's one writer while a scan may wait (ADR 0330)
        Jdbc.batch(tx, ACKNOWLEDGE, seqByRow.entrySet(), (update, ack) -> {
            update.setLong(1, ack.getValue());
            update.setLong(2, pushId);
            update.setLong(3, ack.getKey());
        });
    }

    public static void remove(Tx tx, Collection<Long> ids) {
        Jdbc.batch(tx, REMOVE, ids, (delete, id) -> delete.setLong(1, id));
    }

    public static boolean anyAcknowledged(Tx tx, UUID eventId) {
        return Jdbc.first(tx, ANY_ACKNOWLEDGED, r -> true, eventId) != null;
    }

    /** Keeps the row out of every send until {@link #releaseHeld}: the server's version did not understand it. */
    public static void hold(Tx tx, long id) {
        Jdbc.update(tx, HOLD, id);
    }

    /** @return how many held rows are unsent again */
    public static int releaseHeld(Tx tx) {
        return Jdbc.update(tx, RELEASE_HELD);
    }

    /**
     * The feed has an entry at {@code seq} that this version cannot read (ADR 0335): whatever was acknowledged at that
     * seq is there for good. Removes it, and the rest of a push it witnesses, as {@link #confirm} does.
     *
     * @return how many rows were confirmed
     */
    public static int confirmUnreadable(Tx tx, UUID eventId, long seq) {
        List<Long> pushes = Jdbc.list(tx, PUSHES_WITNESSED_AT, r -> r.getLong(1), eventId, seq);
        return Jdbc.update(tx, REMOVE_AT, eventId, seq) + removePushes(tx, pushes);
    }

    private static int removePushes(Tx tx, Collection<Long> pushes) {
        int removed = 0;
        for (long push : pushes) {
            removed += Jdbc.update(tx, REMOVE_PUSH, push);
        }
        return removed;
    }

    /**
     * The feed showed {@code entityId} at {@code seq}: the server has the item for good. Removes
     * it and, when it is its push's witness (see {@link #WITNESS}), the rest of that push. For patches and
     * drawings, whose id alone does not name one version: the row acknowledged at that seq. Check-in
     * ops are confirmed by their ids alone, acknowledged or not, with {@link #confirmOps}.
     *
     * @return how many rows were confirmed
     */
    public static int confirm(Tx tx, UUID eventId, Kind kind, UUID entityId, long seq) {
        List<Long> pushes = Jdbc.list(tx, PUSHES_WITNESSED_BY, r -> r.getLong(1), eventId, kind.name(), entityId, seq);
        return Jdbc.update(tx, REMOVE_SHOWN, eventId, kind.name(), entityId, seq) + removePushes(tx, pushes);
    }

    /**
     * {@link #confirm} for check-in ops the feed showed, many at once: a page of the door's own ops coming back
     * confirms them in a few statements per {@value #CHUNK}, not two each, while a scan may wait (ADR 0330).
     *
     * @return how many rows were confirmed
     */
    public static int confirmOps(Tx tx, UUID eventId, Collection<UUID> opIds) {
        List<UUID> ids = List.copyOf(opIds);
        Set<Long> pushes = new HashSet<>(Jdbc.listIn(tx, PUSHES_OF_OPS, ids, CHUNK, r -> r.getLong(1), eventId,
                Kind.OP.name()));
        return Jdbc.updateIn(tx, REMOVE_OPS, ids, CHUNK, eventId, Kind.OP.name()) + removePushes(tx, pushes);
    }

    /**
     * Rows acknowledged at or below {@code position} that the feed did not show: the server lost
     * them after answering (a crash before its commit reached disk). They go back to be sent.
     *
     * @return how many rows were put back
     */
    public static int expireUnconfirmed(Tx tx, UUID eventId, long position) {
        List<Long> lost = Jdbc.list(tx, PUSHES_AT_OR_BELOW, r -> r.getLong(1), eventId, position);
        int expired = 0;
        for (long push : lost) {
            // a push is one server transaction: if part of it is gone, all of it is
            expired += Jdbc.update(tx, UNACKNOWLEDGE_PUSH, push);
        }
        return expired;
    }

    /** Each acknowledged push of {@code eventId} (its id) with the highest seq answered for it, latest first. */
    public static Map<Long, Long> acknowledgedPushes(Tx tx, UUID eventId) {
        Map<Long, Long> pushes = new java.util.LinkedHashMap<>();
        for (long[] push : Jdbc.list(tx, ACKNOWLEDGED_PUSHES, r -> new long[] {r.getLong(1), r.getLong(2)}, eventId)) {
            pushes.put(push[0], push[1]);
        }
        return pushes;
    }

    /** Puts one push's rows back to be sent: the server no longer holds it (a push is one server transaction). */
    public static int unacknowledge(Tx tx, long pushId) {
        return Jdbc.update(tx, UNACKNOWLEDGE_PUSH, pushId);
    }

    /** Everything owed: unsent, and sent but not yet confirmed by the feed. */
    public static int count(Tx tx) {
        return Jdbc.first(tx, COUNT, r -> r.getInt(1));
    }

    public static int count(Tx tx, Kind kind) {
        return Jdbc.first(tx, COUNT_OF_KIND, r -> r.getInt(1), kind.name());
    }

    /** Items not yet acknowledged by the server. */
    public static int unsent(Tx tx) {
        return Jdbc.first(tx, UNSENT, r -> r.getInt(1));
    }
}
