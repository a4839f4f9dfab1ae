package dev.lanyard.kiosk.core.bootstrap;

import java.util.UUID;

/**
 * How far a bootstrap (or a long catch-up pull) of one event has come, in change-feed entries.
 *
 * @param total the entries there were to fetch when it started (entries committed since are fetched too)
 */
public record BootstrapProgress(UUID eventId, long done, long total, boolean finished) {
    public double fraction() {
        return total <= 0 ? (finished ? 1 : 0) : Math.min(1.0, (double) done / total);
    }
}
