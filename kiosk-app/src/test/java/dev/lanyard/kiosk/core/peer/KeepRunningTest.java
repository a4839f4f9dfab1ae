package dev.lanyard.kiosk.core.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeepRunningTest {
    @Test
    void aPeriodicTaskRunsAgainAfterARunThatThrew() throws Exception {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(3);
        try {
            thread.scheduleWithFixedDelay(KeepRunning.of("the exchange", () -> {
                runs.incrementAndGet();
                third.countDown();
                if (runs.get() == 1) {
                    throw new IllegalStateException("replica commit not forced to disk");
                }
            }), 0, 10, TimeUnit.MILLISECONDS);

            assertThat(third.await(5, TimeUnit.SECONDS)).as("runs after the failed one").isTrue();
        } finally {
            thread.shutdown();
        }
    }
}
