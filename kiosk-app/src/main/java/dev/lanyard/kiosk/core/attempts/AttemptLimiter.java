package dev.lanyard.kiosk.core.attempts;

import dev.lanyard.model.GrowingDelay;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Attempt limits with growing delays for the secrets typed at this laptop (the self-service
 * exit PIN, the staff unlock): the first {@code freeFailures} failures cost nothing, each further
 * one doubles a lock-out from {@code firstDelay} up to {@code maxDelay}, and the count is
 * forgotten {@code forgetAfter} after the last failure. An attempt is counted as failed when it
 * begins, so a scanner firing guesses faster than they are checked cannot slip past the count;
 * a success then resets it. ADR 0206 gives the numbers.
 */
public final class AttemptLimiter {
    /** PINs a person types at the door: a fat finger now and then is free, guessing 10,000 PINs takes months. */
    public static final GrowingDelay STAFF_PIN = new GrowingDelay(5, Duration.ofSeconds(30), Duration.ofMinutes(15),
            Duration.ofHours(24));

    public record Counter(int failures, long lastFailureAt) {
        public static final Counter NONE = new Counter(0, 0);
    }

    /** Keeps one counter; {@link #update} is atomic and what it stores survives a restart. */
    public interface Store {
        /** Replaces the counter by change(counter) and returns the new one. */
        Counter update(UnaryOperator<Counter> change);
    }

    /**
     * The staff unlock's limiter for a data folder: counted in a file there, since it runs
     * before the replica can be opened. A damaged file counts as a fresh long lock-out.
     */
    public static AttemptLimiter unlock(java.nio.file.Path dataDir, Clock clock) {
        Counter damaged = new Counter(STAFF_PIN.freeFailures() + 64, clock.millis());
        return new AttemptLimiter(new FileAttemptStore(dataDir.resolve(FileAttemptStore.UNLOCK_FILE), damaged), clock,
                STAFF_PIN);
    }

    private final Store store;
    private final Clock clock;
    private final GrowingDelay rule;

    public AttemptLimiter(Store store, Clock clock, GrowingDelay rule) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /**
     * Begins an attempt: {@link Duration#ZERO} when it may be checked (it is counted as a failure
     * until {@link #succeeded()}), otherwise how long to wait (nothing is counted).
     */
    public Duration begin() {
        long now = clock.millis();
        Duration[] wait = {Duration.ZERO};
        store.update(stored -> {
            Counter c = current(stored, now);
            long until = c.lastFailureAt() + rule.lockOut(c.failures()).toMillis();
            if (c.failures() > 0 && until > now) {
                wait[0] = Duration.ofMillis(until - now);
                return stored;
            }
            return new Counter(c.failures() + 1, now);
        });
        return wait[0];
    }

    /** The attempt begun last was right: the count starts again. */
    public void succeeded() {
        store.update(c -> Counter.NONE);
    }

    /** How long the next attempt would have to wait, counting nothing. */
    public Duration remaining() {
        long now = clock.millis();
        Duration[] wait = {Duration.ZERO};
        store.update(stored -> {
            Counter c = current(stored, now);
            long until = c.lastFailureAt() + rule.lockOut(c.failures()).toMillis();
            wait[0] = c.failures() > 0 && until > now ? Duration.ofMillis(until - now) : Duration.ZERO;
            return stored;
        });
        return wait[0];
    }

    private Counter current(Counter c, long now) {
        return c.failures() > 0 && now - c.lastFailureAt() >= rule.forgetAfter().toMillis() ? Counter.NONE : c;
    }

    /** "4 min 30 s" style words are the UI's; this is the seconds to show, rounded up. */
    public static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
