package dev.lanyard.kiosk.core.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * How many items wait in the outbox, for the {@value ServerApi#OUTBOX_PENDING_HEADER} header of each request (the
 * host's queue alert, ADR 0224). Read from the sync status's counter, which is recounted from the replica at most
 * once per {@code maxAge}: requests come from the sync threads only, never from a scan, and a count a few seconds
 * old is good enough for a threshold of a thousand.
 */
public final class OutboxPendingCount implements IntSupplier {
    public static final Duration MAX_AGE = Duration.ofSeconds(5);
    private final SyncStatusTracker status;
    private final Clock clock;
    private final Duration maxAge;
    private long countedAt = Long.MIN_VALUE;

    public OutboxPendingCount(SyncStatusTracker status, Clock clock, Duration maxAge) {
        this.status = status;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    @Override
    public synchronized int getAsInt() {
        long now = clock.millis();
        if (countedAt == Long.MIN_VALUE || now - countedAt >= maxAge.toMillis() || now < countedAt) {
            status.refreshCounts();
            countedAt = now;
        }
        return status.current().pendingItems();
    }
}
