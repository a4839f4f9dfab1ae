package dev.lanyard.model;

import java.time.LocalTime;

/**
 * When the doors are open on each event day, in the event's time zone. An event without hours is
 * an all-day event (its calendar entries are whole days, and no door is expected to be busy at any
 * particular time).
 */
public record EventHours(LocalTime opens, LocalTime closes) {
    public EventHours {
        Require.present(opens, "hours.opens");
        Require.present(closes, "hours.closes");
        if (!closes.isAfter(opens)) {
            throw new IllegalArgumentException("hours.closes must be after hours.opens on the same day");
        }
    }
}
