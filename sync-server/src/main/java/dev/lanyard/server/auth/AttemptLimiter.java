package dev.lanyard.server.auth;

import dev.lanyard.model.GrowingDelay;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Attempt limits with growing delays: the first {@code freeFailures} failures of a key cost
 * nothing, each further one doubles a lock-out from {@code firstDelay} up to {@code maxDelay},
 * and a key is forgotten {@code forgetAfter} after its last failure. An attempt is counted as
 * failed when it begins, under the store's lock, so a burst of parallel guesses cannot all pass
 * the check before the first of them is recorded; a success then undoes or resets its count.
 */
public final class AttemptLimiter {
    /**
     * @param resetOnSuccess true: a success forgets the key's failures (the right user proved who
     *                       they are); false: a success only takes back its own count, so an
     *                       attacker's own good login cannot wipe the failures of an address
     */
    public record Rule(String name, GrowingDelay delays, boolean resetOnSuccess) {
        public Rule {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(delays, "delays");
        }
    }

    /** One key under one rule, e.g. the login rule for user "olga". */
    public record Limit(Rule rule, String key) {
        String storeKey() {
            return rule.name() + ":" + key;
        }
    }

    /** A key's failures and when the last one happened (epoch millis). */
    public record Counter(int failures, long lastFailureAt) {
        public static final Counter NONE = new Counter(0, 0);
    }

    /** Where counters live; every access to a set of keys is atomic across all servers sharing the store. */
    public interface Store {
        /** Runs work on the current counters of keys (absent = {@link Counter#NONE}) and stores the map it leaves. */
        <T> T update(List<String> keys, Function<Map<String, Counter>, T> work);
    }

    /** An attempt that was let through; call {@link #succeeded()} when it turned out right. */
    public final class Attempt {
        private final List<Limit> limits;
        /** When this attempt was counted, and each key's last failure before it (same order as the limits). */
        private final long countedAt;
        private final long[] lastFailureBefore;

        private Attempt(List<Limit> limits, long countedAt, long[] lastFailureBefore) {
            this.limits = limits;
            this.countedAt = countedAt;
            this.lastFailureBefore = lastFailureBefore;
        }

        /**
         * Takes this attempt back as a failure: under a non-resetting rule its count, and its time too when no later
         * failure has been counted, so a success does not keep the key's earlier failures from being forgotten.
         */
        public void succeeded() {
            store.update(keys(limits), counters -> {
                for (int i = 0; i < limits.size(); i++) {
                    Limit limit = limits.get(i);
                    Counter c = counters.getOrDefault(limit.storeKey(), Counter.NONE);
                    long last = c.lastFailureAt() == countedAt ? lastFailureBefore[i] : c.lastFailureAt();
                    counters.put(limit.storeKey(), limit.rule().resetOnSuccess() || c.failures() <= 1
                            ? Counter.NONE : new Counter(c.failures() - 1, last));
                }
                return null;
            });
        }
    }

    private final Store store;
    private final Clock clock;

    public AttemptLimiter(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Begins an attempt that every limit must allow. Throws {@link TooManyAttemptsException}
     * (and counts nothing) while any of them is locked out; otherwise counts a failure on each.
     */
    public Attempt begin(String what, List<Limit> limits) {
        long now = clock.millis();
        long[] lastFailureBefore = new long[limits.size()];
        Duration wait = store.update(keys(limits), counters -> {
            Duration longest = Duration.ZERO;
            for (Limit limit : limits) {
                Duration left = remaining(limit.rule(), current(limit.rule(),
                        counters.getOrDefault(limit.storeKey(), Counter.NONE), now), now);
                if (left.compareTo(longest) > 0) {
                    longest = left;
                }
            }
            if (!longest.isZero()) {
                return longest;
            }
            for (int i = 0; i < limits.size(); i++) {
                Limit limit = limits.get(i);
                Counter c = current(limit.rule(), counters.getOrDefault(limit.storeKey(), Counter.NONE), now);
                lastFailureBefore[i] = c.lastFailureAt();
                counters.put(limit.storeKey(), new Counter(c.failures() + 1, now));
            }
            return Duration.ZERO;
        });
        if (!wait.isZero()) {
            throw new TooManyAttemptsException(what, wait);
        }
        return new Attempt(limits, now, lastFailureBefore);
    }

    private static Counter current(Rule rule, Counter c, long now) {
        return c.failures() > 0 && now - c.lastFailureAt() >= rule.delays().forgetAfter().toMillis() ? Counter.NONE : c;
    }

    private static Duration remaining(Rule rule, Counter c, long now) {
        long until = c.lastFailureAt() + rule.delays().lockOut(c.failures()).toMillis();
        return c.failures() == 0 || until <= now ? Duration.ZERO : Duration.ofMillis(until - now);
    }

    private static List<String> keys(List<Limit> limits) {
        List<String> keys = new ArrayList<>();
        for (Limit limit : limits) {
            keys.add(limit.storeKey());
        }
        return keys;
    }
}
