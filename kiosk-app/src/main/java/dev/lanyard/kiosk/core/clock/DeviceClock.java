package dev.lanyard.kiosk.core.clock;

import dev.lanyard.kiosk.core.store.Settings;
import dev.lanyard.kiosk.core.store.Tx;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.clock.HybridLogicalClock;
import java.time.Clock;
import java.util.Optional;

/**
 * This device's hybrid logical clock (node = the device id from pairing). Every stamp it
 * issues is persisted in the same transaction as the write that carries it, and the clock
 * resumes from there at start, so a restart (or a wall clock set back) cannot issue a stamp
 * that orders before one already written.
 */
public final class DeviceClock {
    private final Clock wall;
    /** Replaced only by {@link #rebase}; everything else goes through the one instance. */
    private volatile HybridLogicalClock clock;

    private DeviceClock(Clock wall, HybridLogicalClock clock) {
        this.wall = wall;
        this.clock = clock;
    }

    /**
     * The clock of device {@code deviceId}, restored from what {@code tx} holds.
     *
     * @param wall the wall clock stamps follow: the laptop's, corrected by the offset learned from the server
     */
    public static DeviceClock restore(Tx tx, String deviceId, Clock wall) {
        HybridLogicalClock hlc = fresh(deviceId, wall);
        Settings.get(tx, Settings.HLC).map(v -> parse(v, deviceId)).ifPresent(hlc::restore);
        return new DeviceClock(wall, hlc);
    }

    private static HybridLogicalClock fresh(String deviceId, Clock wall) {
        return new HybridLogicalClock(deviceId, wall::millis, HybridLogicalClock.DEFAULT_MAX_FORWARD_DRIFT);
    }

    /** The corrected wall time now (what a stamp issued now would carry, unless the HLC is ahead of it). */
    public long wallMillis() {
        return wall.millis();
    }

    /**
     * Takes the clock back to the corrected wall time when its last stamp lies more than
     * {@code drift} beyond it. An HLC never goes backwards on its own, so one pushed a year ahead
     * by a wrong wall clock would stamp a year ahead for a year, and the server would refuse
     * every stamp. Going back is safe only because the server refuses any stamp further ahead of
     * its clock than the drift: stamps that far ahead were never accepted anywhere, and the
     * items carrying them are re-stamped before they are sent again.
     *
     * @return whether the clock was taken back
     */
    public synchronized boolean rebase(Tx tx, java.time.Duration drift) {
        long now = wall.millis();
        if (clock.peek().wall() <= now + drift.toMillis()) {
            return false;
        }
        HybridLogicalClock rebased = fresh(clock.node(), wall);
        rebased.restore(new Hlc(now, 0, clock.node()));
        clock = rebased;
        persist(tx, rebased.peek());
        Settings.put(tx, Settings.HLC_REBASED_AT, Long.toString(now));
        return true;
    }

    /**
     * A new stamp for an item the server refused because its stamp was too far ahead:
     * {@code old}'s wall moved by {@code offsetMs} (about when the scan or edit really
     * happened), kept below the corrected time now and below the last {@link #rebase}.
     *
     * <p>Re-stamps never collide: each is later than the one before (a persisted cursor; items
     * are re-stamped in the order they were made, so this hardly ever moves one), and one that
     * would reach the time stamps are issued from again gets a fresh stamp from the clock
     * instead, which is unique by construction. Call after {@link #rebase}, or the fresh stamp
     * is as far ahead as the old one.
     */
    public synchronized Hlc restamp(Tx tx, Hlc old, long offsetMs) {
        long bound = wall.millis();
        Optional<String> rebasedAt = Settings.get(tx, Settings.HLC_REBASED_AT);
        if (rebasedAt.isPresent()) {
            bound = Math.min(bound, Long.parseLong(rebasedAt.get()));
        }
        Hlc candidate = new Hlc(Math.max(0, old.wall() + offsetMs), old.counter(), clock.node());
        Optional<Hlc> last = Settings.get(tx, Settings.HLC_RESTAMP).map(v -> parse(v, clock.node()));
        if (last.isPresent() && candidate.compareTo(last.get()) <= 0) {
            Hlc prev = last.get();
            candidate = prev.counter() == Integer.MAX_VALUE - 1 ? new Hlc(prev.wall() + 1, 0, clock.node())
                    : new Hlc(prev.wall(), prev.counter() + 1, clock.node());
        }
        if (candidate.wall() >= bound) {
            return stamp(tx);
        }
        Settings.put(tx, Settings.HLC_RESTAMP, candidate.wall() + "." + candidate.counter());
        return candidate;
    }

    public String deviceId() {
        return clock.node();
    }

    /** A stamp for a local write, persisted with it. */
    public Hlc stamp(Tx tx) {
        Hlc now = clock.now();
        persist(tx, now);
        return now;
    }

    /** Moves past a stamp seen in a change from elsewhere (clamped when it is implausibly far ahead). */
    public void observe(Hlc remote) {
        clock.observe(remote);
    }

    /** Persists where the clock stands (after observing remote stamps). */
    public void persist(Tx tx) {
        persist(tx, clock.peek());
    }

    public Hlc peek() {
        return clock.peek();
    }

    private static void persist(Tx tx, Hlc hlc) {
        Settings.put(tx, Settings.HLC, hlc.wall() + "." + hlc.counter());
    }

    static Hlc parse(String value, String node) {
        int dot = value.indexOf('.');
        return new Hlc(Long.parseLong(value.substring(0, dot)), Integer.parseInt(value.substring(dot + 1)), node);
    }
}
