package dev.lanyard.server.auth;

import static dev.lanyard.server.db.jooq.Tables.ATTEMPT_COUNTER;

import dev.lanyard.server.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * Attempt counters in the database, so that every server on one PostgreSQL (or the one on H2)
 * counts the same failures. Rows are locked with SELECT ... FOR UPDATE in key order (no two
 * servers can deadlock on them) and keys are stored hashed: they are user names and addresses.
 */
public final class DatabaseAttemptStore implements AttemptLimiter.Store {
    /** Longer than any rule's forgetAfter: an older row only takes space. */
    private static final Duration KEEP = Duration.ofDays(2);
    private static final int PRUNE_EVERY = 512;
    private final Database db;
    private final Clock clock;
    private final AtomicLong updates = new AtomicLong();

    public DatabaseAttemptStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public <T> T update(List<String> keys, Function<Map<String, AttemptLimiter.Counter>, T> work) {
        // sorted by hash: the order rows are locked in, the same on every server
        TreeMap<String, String> byHash = new TreeMap<>();
        for (String key : keys) {
            byHash.put(DeviceService.sha256(key), key);
        }
        for (String hash : byHash.keySet()) {
            ensureRow(hash);
        }
        if (updates.incrementAndGet() % PRUNE_EVERY == 0) {
            prune();
        }
        return db.inTransaction(tx -> {
            Map<String, AttemptLimiter.Counter> before = new HashMap<>();
            for (Record row : tx.select(ATTEMPT_COUNTER.KEY_HASH, ATTEMPT_COUNTER.FAILURES,
                    ATTEMPT_COUNTER.LAST_FAILURE_AT)
                    .from(ATTEMPT_COUNTER).where(ATTEMPT_COUNTER.KEY_HASH.in(byHash.keySet()))
                    .orderBy(ATTEMPT_COUNTER.KEY_HASH).forUpdate().fetch()) {
                before.put(byHash.get(row.get(ATTEMPT_COUNTER.KEY_HASH)),
                        new AttemptLimiter.Counter(row.get(ATTEMPT_COUNTER.FAILURES),
                        row.get(ATTEMPT_COUNTER.LAST_FAILURE_AT)));
            }
            Map<String, AttemptLimiter.Counter> after = new HashMap<>(before);
            T result = work.apply(after);
            byHash.forEach((hash, key) -> {
                AttemptLimiter.Counter c = after.getOrDefault(key, AttemptLimiter.Counter.NONE);
                if (!c.equals(before.get(key))) {
                    write(tx, hash, c);
                }
            });
            return result;
        });
    }

    /**
     * Outside the transaction: a row two servers insert at once is there afterwards either way, and then both lock it.
     */
    private void ensureRow(String hash) {
        if (db.dsl().fetchExists(ATTEMPT_COUNTER, ATTEMPT_COUNTER.KEY_HASH.eq(hash))) {
            return;
        }
        try {
            db.dsl().insertInto(ATTEMPT_COUNTER).set(ATTEMPT_COUNTER.KEY_HASH, hash).set(ATTEMPT_COUNTER.FAILURES, 0)
                    .set(ATTEMPT_COUNTER.LAST_FAILURE_AT, 0L).execute();
        } catch (IntegrityConstraintViolationException anotherServerWasFirst) {
            // the row exists, which is all this wanted
        }
    }

    private static void write(DSLContext tx, String hash, AttemptLimiter.Counter c) {
        int n = tx.update(ATTEMPT_COUNTER).set(ATTEMPT_COUNTER.FAILURES, c.failures())
                .set(ATTEMPT_COUNTER.LAST_FAILURE_AT, c.lastFailureAt())
                .where(ATTEMPT_COUNTER.KEY_HASH.eq(hash)).execute();
        if (n == 0) {
            // pruned between ensureRow and the lock
            tx.insertInto(ATTEMPT_COUNTER).set(ATTEMPT_COUNTER.KEY_HASH, hash)
                    .set(ATTEMPT_COUNTER.FAILURES, c.failures())
                    .set(ATTEMPT_COUNTER.LAST_FAILURE_AT, c.lastFailureAt()).execute();
        }
    }

    /** Drops counters nobody failed on for longer than any rule remembers (many addresses, or a reset key). */
    public int prune() {
        return db.dsl().deleteFrom(ATTEMPT_COUNTER)
                .where(ATTEMPT_COUNTER.LAST_FAILURE_AT.lt(clock.millis() - KEEP.toMillis())).execute();
    }
}
