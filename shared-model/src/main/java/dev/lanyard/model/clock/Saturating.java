package dev.lanyard.model.clock;

import java.time.Duration;

/** Millisecond arithmetic that stops at {@link Long#MAX_VALUE} instead of wrapping to the past. */
final class Saturating {
    private Saturating() {
    }

    /** a + b for a, b >= 0. */
    static long add(long a, long b) {
        long sum = a + b;
        return sum < a ? Long.MAX_VALUE : sum;
    }

    static long millis(Duration d) {
        try {
            return d.toMillis();
        } catch (ArithmeticException beyondLong) {
            return Long.MAX_VALUE;
        }
    }
}
