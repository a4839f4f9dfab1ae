package dev.lanyard.kiosk.ui.scan;

/** The time keys are stamped with: monotonic, so a wall clock set back (NTP, staff) cannot hold a quiet open. */
final class KeyClock {
    private KeyClock() {
    }

    static long nowMillis() {
        return System.nanoTime() / 1_000_000;
    }
}
