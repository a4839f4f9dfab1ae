package dev.lanyard.kiosk.core.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

    /**
     * The first origin from a given one on, with its last counter (parameters: event id, origin): the first entry of
     * {@code peer_log_last} there, which holds each origin's last counter first, so one row read per origin.
     */
    static final String LAST_OF_NEXT_ORIGIN = "select origin, counter from peer_log where event_id = ? and origin >= ?"
            + " order by event_id, origin, counter desc limit 1";

    /**
     * Up to a number of an origin's items after a counter (parameters: event id, origin, counter, number). The ORDER BY
     * names the primary key's whole order, as {@link #LAST_COUNTER} does: under {@code order by counter} H2 read every
     * item of the origin after the counter and sorted them, however few were asked for (PeerLogReadCostTest).
     */
    static final String READ = "select counter, kind, item_id, body from peer_log"
            + " where event_id = ? and origin = ? and counter > ? order by event_id, origin, counter limit ?";

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

    /**
     * Origin -> how many of its items this door holds, origin by origin through {@code peer_log_last}: a few rows per
     * origin, where {@code max(counter) ... group by origin} read every row of the event (ADR 0329, amended).
     */
    public static Map<String, Long> counts(Tx tx, UUID eventId) {
        Map<String, Long> out = new LinkedHashMap<>();
        String from = "";
        Map.Entry<String, Long> last;
        while ((last = Jdbc.first(tx, LAST_OF_NEXT_ORIGIN, r -> Map.entry(r.getString(1), r.getLong(2)), eventId,
                from)) != null) {
            out.put(last.getKey(), last.getValue());
            // the least string after the origin (the replica compares strings as Java does): H2 seeks there, where
            // under "origin > ?" it seeks to the origin and walks its every row
            from = last.getKey() + '\0';
        }
        return out;
    }

    /** A page asks a few at a time, many times over (AntiEntropy.delta), so fixed SQL (ADR 0331). */
    public static List<Row> read(Tx tx, UUID eventId, String origin, long after, int limit) {
        return Jdbc.list(tx, READ, r -> new Row(origin, r.getLong(1), r.getString(2), r.getObject(3, UUID.class),
                tx.cipher().open(r.getBytes(4))), eventId, origin, after, limit);
    }
}
