package dev.lanyard.server.http.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LatestPerKeyTest {
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new java.util.concurrent.LinkedBlockingQueue<>());
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final LatestPerKey<String> signals = new LatestPerKey<>(sender, (k, v) -> delivered.add(k + "@" + v));

    @AfterEach
    void stop() {
        sender.shutdownNow();
    }

    /** The dashboard's sender queued a task per commit: a storm's commits behind one slow viewer grew without end. */
    @Test
    void offersWhileTheSenderIsHeldQueueOneDeliveryPerKeyWithTheLatestValue() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        sender.execute(() -> await(held));
        for (long seq = 1; seq <= 10_000; seq++) {
            signals.offer("event-a", seq);
            signals.offer("event-b", seq / 2);
        }

        assertThat(sender.getQueue()).hasSize(2);
        held.countDown();
        drain(sender);
        assertThat(delivered).containsExactlyInAnyOrder("event-a@10000", "event-b@5000");
    }

    @Test
    void anOfferAfterADeliveryIsDeliveredToo() throws Exception {
        signals.offer("event-a", 1);
        drain(sender);
        signals.offer("event-a", 2);
        drain(sender);

        assertThat(delivered).containsExactly("event-a@1", "event-a@2");
        assertThat(signals.waiting()).isZero();
    }

    private static void drain(ExecutorService executor) throws Exception {
        executor.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
