package dev.lanyard.kiosk.core.sync;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the n-th consecutive failure waits between half and all of
 * {@code base * 2^(n-1)}, capped at {@code max}. The jitter spreads fifty doors that lost the
 * server at the same moment, so they do not all come back at the same moment either.
 */
public final class Backoff {
    private final long baseMillis;
    private final long maxMillis;
    private final DoubleSupplier random;

    public Backoff(Duration base, Duration max, DoubleSupplier random) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= max");
        }
        this.baseMillis = base.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    public static Backoff standard() {
        return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60), Math::random);
    }

    /** @param failures consecutive failures so far (1 for the first) */
    public Duration delay(int failures) {
        int exponent = Math.max(0, Math.min(failures - 1, 30));
        long ceiling = Math.min(maxMillis, baseMillis * (1L << exponent));
        double jitter = 0.5 + 0.5 * random.getAsDouble();
        return Duration.ofMillis(Math.max(1, Math.round(ceiling * jitter)));
    }
}
