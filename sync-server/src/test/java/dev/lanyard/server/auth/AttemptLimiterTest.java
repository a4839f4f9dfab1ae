package dev.lanyard.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.server.auth.AttemptLimiter.Limit;
import dev.lanyard.server.auth.AttemptLimiter.Rule;
import dev.lanyard.server.db.Database;
import dev.lanyard.server.support.SettableClock;
import dev.lanyard.model.GrowingDelay;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The limiter's arithmetic, on the database store it runs on in the server. */
class AttemptLimiterTest {
    private static final Rule RULE = new Rule("test", new
            GrowingDelay(3, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1)), true);
    private final SettableClock clock = new SettableClock(Instant.parse("2026-06-01T09:00:00Z"));
    private final Database db = new Database("jdbc:h2:mem:attempts-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa",
            "", 8);
    private final AttemptLimiter limiter = new AttemptLimiter(new DatabaseAttemptStore(db, clock), clock);

    @AfterEach
    void close() {
        db.close();
    }

    private Duration refusal(String key) {
        try {
            limiter.begin("test", List.of(new Limit(RULE, key)));
            return Duration.ZERO;
        } catch (TooManyAttemptsException e) {
            return e.retryAfter();
        }
    }

    @Test
    void freeFailuresThenEachFurtherOneDoublesTheLockOutUpToTheCap() {
        int heardBeforeTheFirstWait = 0;
        while (refusal("k").isZero()) {
            heardBeforeTheFirstWait++;
        }
        assertThat(heardBeforeTheFirstWait).as("three free failures and the one that starts the lock-out").isEqualTo(4);
        List<Duration> waits = new ArrayList<>();
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 6; i++) {
            assertThat(refusal("k")).as("heard once the wait is over").isZero();
            Duration wait = refusal("k");
            waits.add(wait);
            clock.advance(wait);
        }
        assertThat(waits).extracting(Duration::getSeconds).containsExactly(2L, 4L, 8L, 10L, 10L, 10L);
    }

    @Test
    void aSuccessResetsAndAnotherKeyIsNotTouched() {
        for (int i = 0; i < 4; i++) {
            limiter.begin("test", List.of(new Limit(RULE, "k")));
        }
        assertThat(refusal("k")).isPositive();
        assertThat(refusal("other")).isZero();
        clock.advance(Duration.ofSeconds(1));
        limiter.begin("test", List.of(new Limit(RULE, "k"))).succeeded();
        for (int i = 0; i < 3; i++) {
            assertThat(refusal("k")).isZero();
        }
    }

    @Test
    void aSuccessUnderANonResettingRuleTakesBackOnlyItsOwnCount() {
        Rule address = new Rule("address", new GrowingDelay(2, Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofMinutes(1)), false);
        limiter.begin("test", List.of(new Limit(address, "a")));
        limiter.begin("test", List.of(new Limit(address, "a")));
        limiter.begin("test", List.of(new Limit(address, "a"))).succeeded();
        limiter.begin("test", List.of(new Limit(address, "a")));
        assertThatThrownBy(() -> limiter.begin("test", List.of(new Limit(address, "a"))))
                .isInstanceOf(TooManyAttemptsException.class);
    }

    @Test
    void failuresAreForgottenLongAfterTheLast() {
        for (int i = 0; i < 4; i++) {
            limiter.begin("test", List.of(new Limit(RULE, "k")));
        }
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 4; i++) {
            assertThat(refusal("k")).isZero();
        }
    }

    @Test
    void aLockedKeyRefusesTheWholeAttemptAndCountsNothingOnTheOthers() {
        for (int i = 0; i < 4; i++) {
            limiter.begin("test", List.of(new Limit(RULE, "locked")));
        }
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> limiter.begin("test", List.of(new Limit(RULE, "fresh"),
                    new Limit(RULE, "locked"))))
                    .isInstanceOf(TooManyAttemptsException.class);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(refusal("fresh")).isZero();
        }
    }

    @Test
    void aBurstOfParallelGuessesGetsNoMoreThroughThanOneAtATime() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> guesses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                guesses.add(() -> refusal("burst").isZero());
            }
            int through = 0;
            for (Future<Boolean> f : pool.invokeAll(guesses)) {
                through += f.get() ? 1 : 0;
            }
            assertThat(through).as("three free failures and the one that starts the lock-out").isEqualTo(4);
        } finally {
            pool.shutdownNow();
        }
    }
}
