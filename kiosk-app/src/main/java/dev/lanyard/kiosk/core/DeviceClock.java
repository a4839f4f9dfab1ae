package dev.lanyard.kiosk.core;

import dev.lanyard.kiosk.core.store.Settings;
import dev.lanyard.kiosk.core.store.Tx;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.clock.HybridLogicalClock;
import java.time.Clock;

/**
 * This device's hybrid logical clock (node = the device id from pairing). Every stamp it
 * issues is persisted in the same transaction as the write that carries it, and the clock
 * resumes from there at start, so a restart (or a wall clock set back) cannot issue a stamp
 * that orders before one already written.
 */
public final class DeviceClock {
    private final HybridLogicalClock clock;

    private DeviceClock(HybridLogicalClock clock) {
        this.clock = clock;
    }

    /** The clock of device {@code deviceId}, restored from what {@code tx} holds. */
    public static DeviceClock restore(Tx tx, String deviceId, Clock wall) {
        HybridLogicalClock hlc = new HybridLogicalClock(deviceId, wall::millis, HybridLogicalClock.DEFAULT_MAX_FORWARD_DRIFT);
        Settings.get(tx, Settings.HLC).map(v -> parse(v, deviceId)).ifPresent(hlc::restore);
        return new DeviceClock(hlc);
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
