package dev.lanyard.print.queue;

import java.time.Duration;

/**
 * Exponential backoff: {@code initialDelay} x {@code multiplier}^(attempt-1), capped, for at most {@code maxAttempts}.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay) {
    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 1000) {
            throw new IllegalArgumentException("maxAttempts must be 1..1000, was " + maxAttempts);
        }
        if (initialDelay == null || initialDelay.isNegative() || maxDelay == null
                || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("delays must satisfy 0 <= initialDelay <= maxDelay");
        }
        if (multiplier < 1) {
            throw new IllegalArgumentException("multiplier must be >= 1, was " + multiplier);
        }
    }

    /** Door default: 5 tries, 2 s, 4 s, 8 s, 16 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofSeconds(2), 2, Duration.ofSeconds(30));
    }

    public Duration delayAfter(int attempt) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return Duration.ofMillis((long) Math.min(millis, maxDelay.toMillis()));
    }
}
