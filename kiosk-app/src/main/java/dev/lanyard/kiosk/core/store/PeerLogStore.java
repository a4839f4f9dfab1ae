package dev.lanyard.kiosk.core.store;

import static dev.lanyard.kiosk.core.store.jooq.Tables.PEER_LOG;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.impl.DSL;

/**
 * The peer log (ADR 0316): items of one event numbered per origin device, from 1 without gaps.
 * An item this door makes is appended with {@link #made} in the transaction that makes it;
 * items from other doors only through {@link #append}, after the caller checked they continue
 * their origin.
 */
public final class PeerLogStore {
    /** One entry; {@code kind} is an {@link OutboxStore.Kind} name (OP, PATCH or DRAWING). */
    public record Row(String origin, long counter, String kind, UUID itemId, String body) {
    }

    private static final String APPEND = "insert into peer_log (event_id, origin, counter, kind, item_id, body)"
            + " values (?, ?, ?, ?, ?, ?)";
    /**
     * The origin's last counter (parameters: event id, origin), the first entry of the descending index
     * {@code peer_log_last} (V8, ADR 0329): H2 answered {@code max(counter)} under this WHERE by reading every row of
     * the origin, so each scan of a door cost more than the one before (PeerLogCounterCostTest). The ORDER BY names
     * the index's whole order, or H2 does not take its order for the query's.
     */
    static final String LAST_COUNTER = "select counter from peer_log where event_id = ? and origin = ?"
            + " order by event_id, origin, counter desc limit 1";

    private PeerLogStore() {
    }

    /** Appends an item this door made as its origin's next. @return its counter */
    public static long made(Tx tx, UUID eventId, String origin, OutboxStore.Kind kind, UUID itemId, String body) {
        long next = count(tx, eventId, origin) + 1;
        append(tx, eventId, new Row(origin, next, kind.name(), itemId, body));
        return next;
    }

    /** Every item a door makes is appended, so fixed SQL (ADR 0331). */
    public static void append(Tx tx, UUID eventId, Row row) {
        Jdbc.update(tx, APPEND, eventId, row.origin(), row.counter(), row.kind(), row.itemId(),
                tx.cipher().seal(row.body()));
    }

    public static long count(Tx tx, UUID eventId, String origin) {
        Long last = Jdbc.first(tx, LAST_COUNTER, r -> r.getLong(1), eventId, origin);
        return last == null ? 0 : last;
    }

    /** Origin -> how many of its items this door holds. */
    public static Map<String, Long> counts(Tx tx, UUID eventId) {
        Map<String, Long> out = new LinkedHashMap<>();
        tx.dsl().select(PEER_LOG.ORIGIN, DSL.max(PEER_LOG.COUNTER)).from(PEER_LOG).where(PEER_LOG.EVENT_ID.eq(eventId))
                .groupBy(PEER_LOG.ORIGIN).forEach(r -> out.put(r.value1(), r.value2()));
        return out;
    }

    public static List<Row> read(Tx tx, UUID eventId, String origin, long after, int limit) {
        return tx.dsl().select(PEER_LOG.COUNTER, PEER_LOG.KIND, PEER_LOG.ITEM_ID, Bytes.col(PEER_LOG.BODY))
                .from(PEER_LOG)
                .where(PEER_LOG.EVENT_ID.eq(eventId)).and(PEER_LOG.ORIGIN.eq(origin)).and(PEER_LOG.COUNTER.gt(after))
                .orderBy(PEER_LOG.COUNTER).limit(limit)
                .fetch(r -> new Row(origin, r.value1(), r.value2(), r.value3(), tx.cipher().open(r.value4())));
    }
}
