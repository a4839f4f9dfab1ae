package dev.lanyard.kiosk.core.syncstatus;

import dev.lanyard.kiosk.core.clock.ClockOffset;
import java.time.Instant;

/**
 * What the sync indicator shows.
 *
 * @param online              the realtime connection to the server is up and authenticated
 * @param pendingItems        everything still in the outbox (ops, walk-ins and edits, drawings, scan attempts)
 * @param pendingOps          of those, check-in ops
 * @param deadLetters         items the server refused, waiting for staff
 * @param lastSyncAt          the last successful exchange with the server (push or pull), null if never
 * @param consecutiveFailures failed exchanges since the last success
 * @param alert               {@link #ALERT_AFTER_FAILURES} or more consecutive failures: staff should look
 * @param lastError           what the last failure said, null after a success
 * @param clockOffsetMs       the server's clock minus this laptop's, as last learned (negative: the laptop is ahead)
 */
public record SyncStatus(boolean online, int pendingItems, int pendingOps, int deadLetters, Instant lastSyncAt,
                         int consecutiveFailures, boolean alert, String lastError, long clockOffsetMs) {
    public static final int ALERT_AFTER_FAILURES = 5;

    public SyncStatus(boolean online, int pendingItems, int pendingOps, int deadLetters, Instant lastSyncAt,
                      int consecutiveFailures, boolean alert, String lastError) {
        this(online, pendingItems, pendingOps, deadLetters, lastSyncAt, consecutiveFailures, alert, lastError, 0);
    }

    /** The laptop's clock is further off than the server lets a stamp be: the desk says so. */
    public boolean clockOff() {
        return Math.abs(clockOffsetMs) > ClockOffset.DRIFT.toMillis();
    }
}
