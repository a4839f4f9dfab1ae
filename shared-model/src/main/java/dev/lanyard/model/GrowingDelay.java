package dev.lanyard.model;

import java.time.Duration;

/**
 * How long guessing a secret is held up (ADR 0206), the one rule the server's and the kiosk's
 * attempt limiters share: the first {@code freeFailures} failures cost nothing, each further one
 * doubles a lock-out from {@code firstDelay} up to {@code maxDelay}, and the count is forgotten
 * {@code forgetAfter} after the last failure.
 */
public record GrowingDelay(int freeFailures, Duration firstDelay, Duration maxDelay, Duration forgetAfter) {
    public GrowingDelay {
        if (freeFailures < 0) {
            throw new IllegalArgumentException("freeFailures must be >= 0");
        }
        if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("delays must satisfy 0 < firstDelay <= maxDelay");
        }
        if (forgetAfter.compareTo(maxDelay) <= 0) {
            // otherwise waiting out the longest lock-out would also wipe the count
            throw new IllegalArgumentException("forgetAfter must exceed maxDelay");
        }
    }

    /** How long a secret with this many failures is locked after the last one. */
    public Duration lockOut(int failures) {
        if (failures <= freeFailures) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - freeFailures - 1, 40);
        long millis = firstDelay.toMillis() << doublings;
        return millis <= 0 || millis > maxDelay.toMillis() ? maxDelay : Duration.ofMillis(millis);
    }
}
