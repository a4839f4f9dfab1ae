package dev.lanyard.server.feed;

import dev.lanyard.server.errors.NotFoundException;
import static dev.lanyard.server.db.jooq.Tables.CHANGE_LOG;
import static dev.lanyard.server.db.jooq.Tables.FEED_COUNTER;

import dev.lanyard.model.protocol.ChangeType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import dev.lanyard.server.db.BatchStatement;

/**
 * Allocates change-feed seqs inside a writing transaction. {@link #lock} takes the row lock on
 * the event's counter row first, so writers of one event take turns and each commits before
 * the next can allocate: commit order equals seq order, and a reader asking for
 * {@code seq > after} can never pass over a change that is still in flight. Seqs are dense
 * (1, 2, 3, ...) because a rolled-back writer's increments roll back with it.
 */
public final class FeedAppender {
    private static final java.util.Map<org.jooq.SQLDialect, BatchStatement> INSERTS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final DSLContext tx;
    private final UUID eventId;
    private final long startSeq;
    private final long now;
    private long lastSeq;
    private final List<Object[]> pending = new ArrayList<>();
    private long pendingChars;

    /**
     * Entries wait to be inserted in one batch until this many characters of JSON wait: a group of 2,000 patches on
     * participants of 200,000 characters each would otherwise hold 400 million until its end (ADR 0253).
     */
    static final long MAX_PENDING_CHARS = 8_000_000;

    private FeedAppender(DSLContext tx, UUID eventId, long startSeq) {
        this.tx = tx;
        this.eventId = eventId;
        this.startSeq = startSeq;
        this.lastSeq = startSeq;
        this.now = System.currentTimeMillis();
    }

    public static FeedAppender lock(DSLContext tx, UUID eventId) {
        // an UPDATE takes the same row lock as SELECT ... FOR UPDATE on both databases, and H2 keeps it parsed
        // (it parses every FOR UPDATE anew)
        if (tx.update(FEED_COUNTER).set(FEED_COUNTER.LAST_SEQ, FEED_COUNTER.LAST_SEQ)
                .where(FEED_COUNTER.EVENT_ID.eq(eventId)).execute() == 0) {
            throw new NotFoundException("event");
        }
        long last = tx.select(FEED_COUNTER.LAST_SEQ).from(FEED_COUNTER).where(FEED_COUNTER.EVENT_ID.eq(eventId))
                .fetchOne(FEED_COUNTER.LAST_SEQ);
        return new FeedAppender(tx, eventId, last);
    }

    /** Creates the counter of a new event (inside the transaction that creates the event). */
    public static FeedAppender create(DSLContext tx, UUID eventId) {
        tx.insertInto(FEED_COUNTER).set(FEED_COUNTER.EVENT_ID, eventId).set(FEED_COUNTER.LAST_SEQ, 0L).execute();
        return lock(tx, eventId);
    }

    /** @return the seq the change will have */
    public long append(ChangeType type, UUID entityId, String json) {
        if (pendingChars >= MAX_PENDING_CHARS) {
            insertPending(); // before the new one: replaceLast changes the entry just appended
        }
        lastSeq++;
        pending.add(new Object[] {lastSeq, type.wire(), entityId, json});
        pendingChars += chars(json);
        return lastSeq;
    }

    /** Sets the body of the change just appended (a check-in op carries its own seq inside). */
    public void replaceLast(String json) {
        Object[] last = pending.get(pending.size() - 1);
        pendingChars += chars(json) - chars((String) last[3]);
        last[3] = json;
    }

    public long lastSeq() {
        return lastSeq;
    }

    /** The feed's last seq when this transaction took the lock: seqs above it are this transaction's. */
    public long startSeq() {
        return startSeq;
    }

    public boolean changed() {
        return lastSeq != startSeq;
    }

    public UUID eventId() {
        return eventId;
    }

    private static int chars(String json) {
        return json == null ? 0 : json.length();
    }

    private void insertPending() {
        BatchStatement.Rows rows = INSERTS.computeIfAbsent(tx.dialect(),
                d -> BatchStatement.insert(tx, CHANGE_LOG, CHANGE_LOG.EVENT_ID,
                CHANGE_LOG.SEQ, CHANGE_LOG.CHANGE_TYPE, CHANGE_LOG.ENTITY_ID, CHANGE_LOG.BODY, CHANGE_LOG.COMMITTED_AT))
                .rows();
        for (Object[] row : pending) {
            rows.add(eventId, row[0], row[1], row[2], row[3], now);
        }
        rows.execute(tx);
        pending.clear();
        pendingChars = 0;
    }

    /** Writes the changes and the counter; still inside the caller's transaction. */
    public void finish() {
        if (!changed()) {
            return;
        }
        insertPending();
        tx.update(FEED_COUNTER).set(FEED_COUNTER.LAST_SEQ, lastSeq).where(FEED_COUNTER.EVENT_ID.eq(eventId)).execute();
    }
}
