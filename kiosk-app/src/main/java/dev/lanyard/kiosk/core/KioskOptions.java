package dev.lanyard.kiosk.core;

import dev.lanyard.kiosk.core.sync.Backoff;
import dev.lanyard.kiosk.core.sync.SyncEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How to open a kiosk. Defaults suit a venue laptop; tests shorten the timings and may give a
 * skewed clock.
 *
 * @param unlockSecret     the staff unlock secret; derived into the replica's key, then wiped by {@link Kiosk#open}
 * @param heartbeatTimeout realtime silence after which the connection is dropped and re-made (server beats every 30 s)
 * @param pullWhileOffline how often the feed is pulled while the realtime socket is down
 */
public record KioskOptions(Path dataDir, char[] unlockSecret, Clock clock, Backoff outboxBackoff,
                           Backoff reconnectBackoff,
                           Duration heartbeatTimeout, int outboxBatchSize, int pullPageSize,
                           Duration pullWhileOffline) {
    public KioskOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(outboxBackoff, "outboxBackoff");
        Objects.requireNonNull(reconnectBackoff, "reconnectBackoff");
        Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
        Objects.requireNonNull(pullWhileOffline, "pullWhileOffline");
    }

    public static KioskOptions defaults(Path dataDir, char[] unlockSecret) {
        return new KioskOptions(dataDir, unlockSecret, Clock.systemUTC(), Backoff.standard(), Backoff.standard(),
                Duration.ofSeconds(75),
                500, 20_000, SyncEngine.PULL_WHILE_OFFLINE);
    }

    public KioskOptions withClock(Clock c) {
        return new KioskOptions(dataDir, unlockSecret, c, outboxBackoff, reconnectBackoff, heartbeatTimeout,
                outboxBatchSize, pullPageSize, pullWhileOffline);
    }

    public KioskOptions withBackoff(Backoff outbox, Backoff reconnect) {
        return new KioskOptions(dataDir, unlockSecret, clock, outbox, reconnect, heartbeatTimeout, outboxBatchSize,
                pullPageSize, pullWhileOffline);
    }

    public KioskOptions withHeartbeatTimeout(Duration timeout) {
        return new KioskOptions(dataDir, unlockSecret, clock, outboxBackoff, reconnectBackoff, timeout,
                outboxBatchSize, pullPageSize, pullWhileOffline);
    }

    public KioskOptions withPullWhileOffline(Duration interval) {
        return new KioskOptions(dataDir, unlockSecret, clock, outboxBackoff, reconnectBackoff, heartbeatTimeout,
                outboxBatchSize, pullPageSize,
                interval);
    }

    public KioskOptions withBatchSizes(int outboxBatch, int pullPage) {
        return new KioskOptions(dataDir, unlockSecret, clock, outboxBackoff, reconnectBackoff, heartbeatTimeout,
                outboxBatch, pullPage, pullWhileOffline);
    }
}
