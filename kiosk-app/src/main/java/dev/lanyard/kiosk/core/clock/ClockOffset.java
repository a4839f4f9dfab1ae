package dev.lanyard.kiosk.core.clock;

import dev.lanyard.kiosk.core.store.Settings;
import dev.lanyard.kiosk.core.store.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * How far this laptop's wall clock is from the server's, as last learned from an answer of the
 * server (its {@code Lanyard-Server-Time} header). Kept in the replica so a kiosk restarted
 * offline still stamps with the corrected time instead of a clock someone set a year off.
 */
public final class ClockOffset {
    /**
     * How far a stamp may run ahead of the server before the server refuses it. The server's
     * {@code ServerConfig.maxClockDrift} defaults to this and no endpoint publishes it, so the
     * kiosk assumes the default: if a host configured it otherwise, only the desk's warning
     * threshold is off, never what gets stored (the server refuses and the kiosk re-stamps).
     */
    public static final Duration DRIFT = Duration.ofMinutes(5);
    /** A change smaller than this is network jitter, not worth a write to disk. */
    static final long PERSIST_STEP_MS = 1_000;
    /** Server times outside these bounds are not a clock but garbage (or a hostile answer): ignored. */
    static final long EARLIEST_SERVER_TIME = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();
    static final long LATEST_SERVER_TIME = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();
    /** A round trip this slow leaves the midpoint too uncertain to correct a clock by. */
    static final long MAX_ROUND_TRIP_MS = 60_000;

    private volatile long offsetMs;
    private long persistedMs;

    private ClockOffset(long offsetMs) {
        this.offsetMs = offsetMs;
        this.persistedMs = offsetMs;
    }

    public static ClockOffset restore(Tx tx) {
        return new ClockOffset(Settings.get(tx, Settings.CLOCK_OFFSET).map(ClockOffset::parse).orElse(0L));
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Server clock minus this laptop's clock, in ms (negative: the laptop is ahead). */
    public long millis() {
        return offsetMs;
    }

    /** Whether the laptop's clock is further off than the server tolerates for stamps. */
    public boolean beyondDrift() {
        return Math.abs(offsetMs) > DRIFT.toMillis();
    }

    /**
     * Learns from one exchange: the server read {@code serverTime} somewhere between our
     * {@code sentAt} and {@code receivedAt}, so its clock minus the midpoint is the offset (off
     * by at most half the round trip).
     *
     * @return whether the offset moved enough to be written to the replica
     */
    public synchronized boolean learn(long sentAt, long receivedAt, long serverTime) {
        if (serverTime < EARLIEST_SERVER_TIME || serverTime > LATEST_SERVER_TIME || receivedAt < sentAt
                || receivedAt - sentAt > MAX_ROUND_TRIP_MS) {
            return false;
        }
        offsetMs = serverTime - (sentAt + (receivedAt - sentAt) / 2);
        return Math.abs(offsetMs - persistedMs) >= PERSIST_STEP_MS;
    }

    /** Writes the current offset into {@code tx}. */
    public synchronized void persist(Tx tx) {
        long now = offsetMs;
        Settings.put(tx, Settings.CLOCK_OFFSET, Long.toString(now));
        persistedMs = now;
    }

    /** {@code wall} moved by the learned offset: the server's time as well as this laptop can tell. */
    public Clock corrected(Clock wall) {
        return new Corrected(wall, this);
    }

    private static final class Corrected extends Clock {
        private final Clock wall;
        private final ClockOffset offset;

        Corrected(Clock wall, ClockOffset offset) {
            this.wall = wall;
            this.offset = offset;
        }

        @Override
        public ZoneId getZone() {
            return wall.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new Corrected(wall.withZone(zone), offset);
        }

        @Override
        public long millis() {
            return wall.millis() + offset.millis();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }
    }
}
