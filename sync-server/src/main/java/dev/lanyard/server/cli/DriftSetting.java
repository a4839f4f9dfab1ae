package dev.lanyard.server.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * The value of {@code --max-clock-drift}: an ISO-8601 duration ({@code PT5M}, {@code PT90S}) or
 * a whole number of minutes ({@code 5}), the unit a host thinks in when a venue's clocks are off.
 */
final class DriftSetting {
    private DriftSetting() {
    }

    static Duration parse(String value) {
        String v = value.strip();
        Duration drift;
        try {
            drift = v.chars().allMatch(Character::isDigit) && !v.isEmpty()
                    ? Duration.ofMinutes(Long.parseLong(v))
                    : Duration.parse(v);
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new
                    IllegalArgumentException("max-clock-drift must be minutes (5) or an ISO-8601 duration (PT5M), not "
                    + value);
        }
        if (drift.isNegative()) {
            throw new IllegalArgumentException("max-clock-drift must not be negative, not " + value);
        }
        return drift;
    }
}
