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

/** The replica has one writer at a time; a desk's goes first, the others waiting get it in the order they came. */
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

    /**
     * A scan asks while the sync holds the replica and two more sync transactions wait (the outbox's, the live
     * socket's): the scan goes next, not after them.
     */
    @Test
    void aDeskTransactionGoesBeforeTheSyncTransactionsWaiting() throws Exception {
        Event event = Seed.event(ReentryPolicy.WARN);
        Seed.folder(dir, "http://127.0.0.1:9", List.of(event), List.of());
        try (Replica replica = Replica.open(DataFolder.at(dir), Seed.SECRET.toCharArray(), false)) {
            List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = new Thread(() -> replica.write(tx -> {
                holding.countDown();
                await(release);
                return order.add("holder");
            }));
            holder.start();
            holding.await();
            List<Thread> waiting = new ArrayList<>();
            for (String name : List.of("outbox", "live")) {
                Thread sync = new Thread(() -> replica.write(tx -> order.add(name)));
                sync.start();
                awaitBlocked(sync);
                waiting.add(sync);
            }
            Thread desk = Replica.deskThreads("door").newThread(() -> replica.write(tx -> order.add("desk")));
            desk.start();
            awaitBlocked(desk);
            release.countDown();
            for (Thread t : List.of(holder, waiting.get(0), waiting.get(1), desk)) {
                t.join(10_000);
            }
            assertThat(order).containsExactly("holder", "desk", "outbox", "live");
        }
    }

    /** A writer stepping back for a desk inside its own transaction would let the desk into it. */
    @Test
    void closingTheReplicaInsideATransactionIsRefused() throws Exception {
        Event event = Seed.event(ReentryPolicy.WARN);
        Seed.folder(dir, "http://127.0.0.1:9", List.of(event), List.of());
        try (Replica replica = Replica.open(DataFolder.at(dir), Seed.SECRET.toCharArray(), false)) {
            replica.write(tx -> {
                org.assertj.core.api.Assertions.assertThatThrownBy(replica::close)
                        .isInstanceOf(IllegalStateException.class);
                return null;
            });

            int one = replica.read(dsl -> dsl.selectOne().fetchOne(0, Integer.class));
            assertThat(one).as("the replica is still open").isEqualTo(1);
        }
    }

    private static void awaitBlocked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(thread.getState()).isEqualTo(Thread.State.WAITING);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
