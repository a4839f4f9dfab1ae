package dev.lanyard.kiosk.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThrottledRecountTest {
    private static final Duration GAP = Duration.ofMillis(250);
    private final AtomicInteger recounts = new AtomicInteger();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    /** Runs scheduled by the throttle, run by the test as the sync thread would (or not, when it is busy). */
    private final List<Runnable> scheduled = new ArrayList<>();
    private final AtomicBoolean refusing = new AtomicBoolean();
    private final ThrottledRecount throttled = new ThrottledRecount(recounts::incrementAndGet, (task, delay) -> {
        if (refusing.get()) {
            throw new RejectedExecutionException("shut down");
        }
        scheduled.add(task);
    }, GAP, now::get);

    @Test
    void theFirstAskRunsAtOnceOnTheAskingThread() {
        throttled.run();

        assertThat(recounts).hasValue(1);
        assertThat(scheduled).isEmpty();
    }

    @Test
    void aBurstOfAsksRunsOnceAtOnceAndOnceWhenTheGapEnds() {
        for (int i = 0; i < 1_000; i++) {
            throttled.run();
        }
        assertThat(recounts).hasValue(1);
        assertThat(scheduled).hasSize(1);

        runScheduled();

        assertThat(recounts).hasValue(2);
    }

    @Test
    void anAskAfterAQuietGapRunsAtOnce() {
        throttled.run();
        now.addAndGet(GAP.toNanos());

        throttled.run();

        assertThat(recounts).hasValue(2);
        assertThat(scheduled).isEmpty();
    }

    @Test
    void anAskPastTheGapRunsAtOnceWhileTheScheduledRunWaitsForABusyThread() {
        throttled.run();
        throttled.run(); // scheduled; the sync thread is then busy applying a long pull
        now.addAndGet(GAP.toNanos());

        throttled.run();

        assertThat(recounts).hasValue(2);
        runScheduled();
        assertThat(recounts).hasValue(3);
    }

    @Test
    void anAskTheClosingKioskCannotScheduleIsDroppedAndTheNextIsTakenAgain() {
        throttled.run();
        refusing.set(true);
        throttled.run();
        assertThat(recounts).hasValue(1);

        refusing.set(false);
        throttled.run();

        assertThat(scheduled).hasSize(1);
    }

    @Test
    void aScheduledRecountThatFailsLeavesTheNextAsksServed() {
        AtomicInteger attempts = new AtomicInteger();
        ThrottledRecount failing = new ThrottledRecount(() -> {
            if (attempts.incrementAndGet() == 2) {
                throw new IllegalStateException("the replica is closed");
            }
        }, (task, delay) -> scheduled.add(task), GAP, now::get);
        failing.run();
        failing.run();

        runScheduled();
        now.addAndGet(GAP.toNanos());
        failing.run();

        assertThat(attempts).hasValue(3);
    }

    private void runScheduled() {
        List<Runnable> due = new ArrayList<>(scheduled);
        scheduled.clear();
        due.forEach(Runnable::run);
    }
}
