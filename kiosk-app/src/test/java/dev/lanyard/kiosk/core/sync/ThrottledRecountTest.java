package dev.lanyard.kiosk.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThrottledRecountTest {
    private static final Duration GAP = Duration.ofMillis(100);
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger recounts = new AtomicInteger();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ThrottledRecount throttled = new ThrottledRecount(recounts::incrementAndGet, later, GAP, now::get);

    @AfterEach
    void stop() {
        later.shutdownNow();
    }

    @Test
    void theFirstAskRunsAtOnceOnTheAskingThread() {
        throttled.run();

        assertThat(recounts).hasValue(1);
    }

    @Test
    void aBurstOfAsksRunsOnceAtOnceAndOnceWhenTheGapEnds() throws Exception {
        for (int i = 0; i < 1_000; i++) {
            throttled.run();
        }
        assertThat(recounts).hasValue(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> recounts.get() == 2);
        Thread.sleep(3 * GAP.toMillis());
        assertThat(recounts).hasValue(2);
    }

    @Test
    void anAskAfterAQuietGapRunsAtOnce() {
        throttled.run();
        now.addAndGet(GAP.toNanos());

        throttled.run();

        assertThat(recounts).hasValue(2);
    }

    @Test
    void anAskWhileTheExecutorIsShutDownIsDroppedQuietly() {
        throttled.run();
        later.shutdown();

        throttled.run();

        assertThat(recounts).hasValue(1);
    }
}
