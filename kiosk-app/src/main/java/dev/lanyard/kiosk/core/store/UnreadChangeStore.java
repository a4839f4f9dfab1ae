package dev.lanyard.kiosk.core.store;

import static dev.lanyard.kiosk.core.store.jooq.Tables.UNREAD_CHANGE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Record3;

/**
 * The feed entries this kiosk's version could not read (ADR 0335), one row per event and feed type: the first
 * seq (where a version that reads them starts again), the last, and how many. An event keeps at most
 * {@value #TYPES_PER_EVENT} types; entries of any further type are counted under {@link #OTHER_TYPES}.
 */
public final class UnreadChangeStore {
    static final int TYPES_PER_EVENT = 20;
    public static final String OTHER_TYPES = "(other types)";

    private UnreadChangeStore() {
    }

    /**
     * Counts the entries of one type at {@code seqs} (ascending), leaving out those its row already covers (a feed
     * read again from an earlier seq meets the same entries).
     *
     * @return whether these are the first entries of their type counted for the event
     */
    public static boolean record(Tx tx, UUID eventId, String type, List<Long> seqs) {
        if (seqs.isEmpty()) {
            return false;
        }
        String kept = type;
        Record3<Long, Long, Long> row = find(tx, eventId, kept);
        if (row == null && count(tx, eventId) >= TYPES_PER_EVENT) {
            kept = OTHER_TYPES;
            row = find(tx, eventId, kept);
        }
        long first = seqs.get(0);
        long last = seqs.get(seqs.size() - 1);
        if (row == null) {
            tx.dsl().insertInto(UNREAD_CHANGE).set(UNREAD_CHANGE.EVENT_ID, eventId).set(UNREAD_CHANGE.TYPE, kept)
                    .set(UNREAD_CHANGE.FIRST_SEQ, first).set(UNREAD_CHANGE.LAST_SEQ, last)
                    .set(UNREAD_CHANGE.ENTRIES, (long) seqs.size()).execute();
            return true;
        }
        long known = row.value1();
        long knownLast = row.value2();
        long added = seqs.stream().filter(seq -> seq < known || seq > knownLast).count();
        if (added > 0) {
            tx.dsl().update(UNREAD_CHANGE).set(UNREAD_CHANGE.FIRST_SEQ, Math.min(first, known))
                    .set(UNREAD_CHANGE.LAST_SEQ, Math.max(last, knownLast))
                    .set(UNREAD_CHANGE.ENTRIES, UNREAD_CHANGE.ENTRIES.plus(added))
                    .where(UNREAD_CHANGE.EVENT_ID.eq(eventId)).and(UNREAD_CHANGE.TYPE.eq(kept)).execute();
        }
        return false;
    }

    /** Type -> the first seq of that type not read, in the order of those seqs. */
    public static Map<String, Long> firstOfEachType(Tx tx, UUID eventId) {
        Map<String, Long> out = new LinkedHashMap<>();
        tx.dsl().select(UNREAD_CHANGE.TYPE, UNREAD_CHANGE.FIRST_SEQ).from(UNREAD_CHANGE)
                .where(UNREAD_CHANGE.EVENT_ID.eq(eventId)).orderBy(UNREAD_CHANGE.FIRST_SEQ)
                .forEach(r -> out.put(r.value1(), r.value2()));
        return out;
    }

    /** How many entries of the event are not read. */
    public static long entries(Tx tx, UUID eventId) {
        Long sum = tx.dsl().select(org.jooq.impl.DSL.sum(UNREAD_CHANGE.ENTRIES).cast(Long.class)).from(UNREAD_CHANGE)
                .where(UNREAD_CHANGE.EVENT_ID.eq(eventId)).fetchOne(0, Long.class);
        return sum == null ? 0 : sum;
    }

    /** Forgets the types whose first unread entry is at or after {@code seq}: the feed is read again from there. */
    public static void forgetFrom(Tx tx, UUID eventId, long seq) {
        tx.dsl().deleteFrom(UNREAD_CHANGE).where(UNREAD_CHANGE.EVENT_ID.eq(eventId))
                .and(UNREAD_CHANGE.FIRST_SEQ.ge(seq)).execute();
    }

    private static Record3<Long, Long, Long> find(Tx tx, UUID eventId, String type) {
        return tx.dsl().select(UNREAD_CHANGE.FIRST_SEQ, UNREAD_CHANGE.LAST_SEQ, UNREAD_CHANGE.ENTRIES)
                .from(UNREAD_CHANGE).where(UNREAD_CHANGE.EVENT_ID.eq(eventId)).and(UNREAD_CHANGE.TYPE.eq(type))
                .fetchOne();
    }

    private static int count(Tx tx, UUID eventId) {
        return tx.dsl().fetchCount(UNREAD_CHANGE, UNREAD_CHANGE.EVENT_ID.eq(eventId));
    }
}
