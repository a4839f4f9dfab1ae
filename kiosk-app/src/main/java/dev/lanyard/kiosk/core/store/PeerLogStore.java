package dev.lanyard.kiosk.core.store;

import static dev.lanyard.kiosk.core.store.jooq.Tables.PEER_LOG;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.ResultQuery;
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

    private PeerLogStore() {
    }

    /** Appends an item this door made as its origin's next. @return its counter */
    public static long made(Tx tx, UUID eventId, String origin, OutboxStore.Kind kind, UUID itemId, String body) {
        long next = count(tx, eventId, origin) + 1;
        append(tx, eventId, new Row(origin, next, kind.name(), itemId, body));
        return next;
    }

    public static void append(Tx tx, UUID eventId, Row row) {
        tx.dsl().insertInto(PEER_LOG).set(PEER_LOG.EVENT_ID, eventId).set(PEER_LOG.ORIGIN, row.origin())
                .set(PEER_LOG.COUNTER, row.counter())
                .set(PEER_LOG.KIND, row.kind()).set(PEER_LOG.ITEM_ID, row.itemId())
                .set(PEER_LOG.BODY, Bytes.val(tx.cipher().seal(row.body()))).execute();
    }

    public static long count(Tx tx, UUID eventId, String origin) {
        Long max = lastCounterQuery(tx.dsl(), eventId, origin).fetchOne(0, Long.class);
        return max == null ? 0 : max;
    }

    /**
     * The origin's last counter, the first entry of the descending index {@code peer_log_last} (V8, ADR 0329): H2
     * answered {@code max(counter)} under this WHERE by reading every row of the origin, so each scan of a door cost
     * more than the one before (PeerLogCounterCostTest).
     */
    static ResultQuery<Record1<Long>> lastCounterQuery(DSLContext dsl, UUID eventId, String origin) {
        return dsl.select(PEER_LOG.COUNTER).from(PEER_LOG).where(PEER_LOG.EVENT_ID.eq(eventId))
                .and(PEER_LOG.ORIGIN.eq(origin))
                // the index's whole order, or H2 does not take its order for the query's
                .orderBy(PEER_LOG.EVENT_ID, PEER_LOG.ORIGIN, PEER_LOG.COUNTER.desc()).limit(1);
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
