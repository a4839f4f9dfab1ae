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

    /**
     * Door default: 2 s, 4 s, 8 s, then every 15 s for about four hours. A problem staff can fix (an empty roll, an
     * open cover, a printer switched off) takes minutes to fix, and the badges waiting behind it (the queue is FIFO,
     * ADR 0102) must all print once it is; a badge that cannot print at all fails at once (not retryable).
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(1000, Duration.ofSeconds(2), 2, Duration.ofSeconds(15));
    }

    public Duration delayAfter(int attempt) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return Duration.ofMillis((long) Math.min(millis, maxDelay.toMillis()));
    }
}
