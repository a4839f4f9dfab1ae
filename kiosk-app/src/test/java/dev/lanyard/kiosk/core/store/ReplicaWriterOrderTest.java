package dev.lanyard.kiosk.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Event;
import dev.lanyard.model.ReentryPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replica has one writer at a time; the writers waiting get it in the order they came. */
class ReplicaWriterOrderTest {
    private static final int PULL_TRANSACTIONS = 10;
    private final AtomicLong sink = new AtomicLong();

    @TempDir
    Path dir;

    /** A desk scan behind a catch-up: the pull's next page transaction must not go first, again and again. */
    @Test
    void aWriterThatWaitsGoesBeforeTheBusyWritersNextTransaction() throws Exception {
        Event event = Seed.event(ReentryPolicy.WARN);
        Seed.folder(dir, "http://127.0.0.1:9", List.of(event), List.of());
        try (Replica replica = Replica.open(DataFolder.at(dir), Seed.SECRET.toCharArray(), false)) {
            AtomicInteger pullTransactions = new AtomicInteger();
            CountDownLatch pulling = new CountDownLatch(1);
            Thread pull = new Thread(() -> {
                for (int i = 0; i < PULL_TRANSACTIONS; i++) {
                    replica.write(tx -> {
                        pulling.countDown();
                        sleep(100);
                        return pullTransactions.incrementAndGet();
                    });
                }
            });
            // every core busy, as at a door catching up beside its server: a woken waiter is slow to run
            AtomicBoolean busy = new AtomicBoolean(true);
            List<Thread> spinners = new ArrayList<>();
            for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                Thread spinner = new Thread(() -> {
                    long x = 0;
                    while (busy.get()) {
                        x += System.nanoTime() & 1;
                    }
                    sink.addAndGet(x);
                });
                spinner.setDaemon(true);
                spinner.start();
                spinners.add(spinner);
            }
            int beforeTheScan;
            try {
                pull.start();
                pulling.await();
                beforeTheScan = replica.write(tx -> pullTransactions.get());
                pull.join();
            } finally {
                busy.set(false);
                for (Thread spinner : spinners) {
                    spinner.join();
                }
            }
            // the one it waited behind, and the next if it came just as that one ended
            assertThat(beforeTheScan).isLessThanOrEqualTo(2);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
