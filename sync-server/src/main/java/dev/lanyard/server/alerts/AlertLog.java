package dev.lanyard.server.alerts;

import static dev.lanyard.server.db.jooq.Tables.ALERT_LOG;

import dev.lanyard.server.db.Database;
import java.time.Duration;
import java.time.Instant;
import org.jooq.exception.DataAccessException;

/**
 * When each alert was last sent, in table {@code alert_log}: a restarted server, or a second server on the same
 * PostgreSQL, does not mail a condition again within the hour.
 */
public final class AlertLog {
    private final Database db;

    public AlertLog(Database db) {
        this.db = db;
    }

    /**
     * Takes the right to send {@code key} now: true when it was not sent within {@code every} before {@code now}, and
     * records the send. Recorded before the mail goes out, so a crash in between loses that alert rather than
     * repeating it.
     */
    public boolean claim(String key, Instant now, Duration every) {
        long at = now.toEpochMilli();
        long before = at - every.toMillis();
        int taken = db.dsl().update(ALERT_LOG).set(ALERT_LOG.LAST_SENT_AT, at)
                .where(ALERT_LOG.ALERT_KEY.eq(key).and(ALERT_LOG.LAST_SENT_AT.le(before))).execute();
        if (taken == 1) {
            return true;
        }
        if (db.dsl().fetchExists(ALERT_LOG, ALERT_LOG.ALERT_KEY.eq(key))) {
            return false;
        }
        try {
            db.dsl().insertInto(ALERT_LOG).set(ALERT_LOG.ALERT_KEY, key).set(ALERT_LOG.LAST_SENT_AT, at).execute();
            return true;
        } catch (DataAccessException e) {
            return false; // another server claimed it first
        }
    }

    /**
     * Takes the right to send {@code key} once ever (an ended event's summary): true for the one caller, on any
     * server of the database, that recorded it first.
     */
    public boolean claimOnce(String key, Instant now) {
        if (held(key)) {
            return false;
        }
        try {
            db.dsl().insertInto(ALERT_LOG).set(ALERT_LOG.ALERT_KEY, key)
                    .set(ALERT_LOG.LAST_SENT_AT, now.toEpochMilli()).execute();
            return true;
        } catch (DataAccessException e) {
            return false;
        }
    }

    /** Whether {@code key} is claimed (sent, being sent, or recorded as not to be tried). */
    public boolean held(String key) {
        return db.dsl().fetchExists(ALERT_LOG, ALERT_LOG.ALERT_KEY.eq(key));
    }

    /** Gives a claim back after the mail server did not take the mail, so the next check tries again. */
    public void release(String key) {
        db.dsl().deleteFrom(ALERT_LOG).where(ALERT_LOG.ALERT_KEY.eq(key)).execute();
    }
}
