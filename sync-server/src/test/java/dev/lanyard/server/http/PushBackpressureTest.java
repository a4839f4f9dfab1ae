package dev.lanyard.server.http;

import static dev.lanyard.server.support.Fixture.DAY1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Ids;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.server.feed.FeedAppender;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.sync.PushService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A push that would wait behind more than an event's queue may hold is refused at once with 429 and Retry-After. */
class PushBackpressureTest {
    @TempDir
    Path dir;

    @Test
    void aPushIsRefusedWith429AndRetryAfterWhileTheEventsWriteQueueIsFull() throws Exception {
        whileTheQueueIsFull(f -> {
            Api.Res refused = f.operator.post(f.eventPath() + "/ops", PushRequest.ofOps(null, List.of(op(99, 0))));

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(refused.json().get("error").asText()).isEqualTo("busy");
        });
    }

    /**
     * In a reconnect storm the refused pushes outnumber the written ones: reading and parsing each (500 items, ~200 KB)
     * only to refuse it took the server's CPU from the writes. A body that is not even JSON shows it was never read.
     */
    @Test
    void aPushArrivingAtAFullQueueIsRefusedBeforeItsBodyIsRead() throws Exception {
        whileTheQueueIsFull(f -> {
            Api.Res refused = f.operator.postBytes(f.eventPath() + "/ops",
                    "{\"ops\": [not json".getBytes(StandardCharsets.UTF_8), "application/json");

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json().get("error").asText()).isEqualTo("busy");
        });
    }

    /**
     * One door keeping full pushes waiting filled the event's queue, and every other door's push was refused 429 for
     * as long as it kept refilling it; many small pushes held as many server threads. A door may have one full push's
     * items and {@value PushService#MAX_WAITING_BATCHES_PER_CLIENT} pushes waiting. Found by a review.
     */
    @Test
    void oneDoorTakesOnlyItsShareOfTheEventsWriteQueue() throws Exception {
        whileTheFeedIsLocked(8, (f, pool) -> {
            Api greedy = f.operator;
            Api other = operator(f, "olaf");
            List<Future<Api.Res>> queued = aFullPushWaiting(f, pool, greedy);

            Api.Res again = greedy.post(f.eventPath() + "/ops", fullBatch(2));
            PushRequest others = fullBatch(3);
            queued.add(pool.submit(() -> other.post(f.eventPath() + "/ops", others)));

            assertThat(again.status()).isEqualTo(429);
            await().atMost(Duration.ofSeconds(30)).until(() -> f.server.pushService().waitingItems(f.event.id())
                    >= 2 * PushRequest.MAX_ITEMS);
            return queued;
        });
    }

    /**
     * A push marked fresh was held only to the fresh scans' bound before it was read, whatever its size: a door whose
     * share was full had 8 MB parsed and was refused only afterwards. A long body is held to the share unread.
     */
    @Test
    void aLongPushMarkedFreshFromADoorWhoseShareIsFullIsRefusedBeforeItsBodyIsRead() throws Exception {
        whileTheFeedIsLocked(4, (f, pool) -> {
            List<Future<Api.Res>> queued = aFullPushWaiting(f, pool, f.operator);
            byte[] notJson = ("{\"ops\": [" + " ".repeat(PushService.FRESH_BODY_BYTES) + "not json")
                    .getBytes(StandardCharsets.UTF_8);

            Api.Res refused = f.operator.postBytes(f.eventPath() + "/ops?live=true", notJson, "application/json");

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json().get("error").asText()).isEqualTo("busy");
            return queued;
        });
    }

    /**
     * A push of another operator's takes the event's turn and waits for the held lock; then a full push of
     * {@code door}'s waits behind it, its share full. Returns both.
     */
    private static List<Future<Api.Res>> aFullPushWaiting(Fixture f, ExecutorService pool, Api door) {
        List<Future<Api.Res>> queued = new ArrayList<>();
        Api writer = operator(f, "otis");
        queued.add(pool.submit(() -> writer.post(f.eventPath() + "/ops", PushRequest.ofOps(null,
                List.of(op(9, 0))))));
        await().atMost(Duration.ofSeconds(30)).until(() -> f.server.pushService().turnTaken(f.event.id()));
        PushRequest first = fullBatch(1);
        queued.add(pool.submit(() -> door.post(f.eventPath() + "/ops", first)));
        await().atMost(Duration.ofSeconds(30)).until(() -> f.server.pushService().waitingItems(f.event.id())
                >= PushRequest.MAX_ITEMS);
        return queued;
    }

    /** Fills the event's write queue behind a held feed lock, runs {@code check}, then lets the queued pushes in. */
    private void whileTheQueueIsFull(Check check) throws Exception {
        whileTheFeedIsLocked(6, (f, pool) -> {
            List<Future<Api.Res>> full = new ArrayList<>();
            // each from a client of its own: one client takes one full push's share of the queue
            for (int i = 0; i < 1 + PushService.MAX_WAITING_ITEMS / PushRequest.MAX_ITEMS; i++) {
                PushRequest batch = fullBatch(i);
                Api door = operator(f, "operator-" + i);
                full.add(pool.submit(() -> door.post(f.eventPath() + "/ops", batch)));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> f.server.pushService().waitingItems(f.event.id())
                    >= PushService.MAX_WAITING_ITEMS);

            check.run(f);
            return full;
        });
    }

    /**
     * Holds the event's feed lock, so that whoever gets the event's turn waits for it and the pushes behind stay
     * queued; runs {@code queueing}, then lets the pushes it queued in and checks that each was written.
     */
    private void whileTheFeedIsLocked(int threads, Queueing queueing) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch unlock = new CountDownLatch(1);
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            Future<?> holder = pool.submit(() -> f.server.database().inTransaction(tx -> {
                FeedAppender.lock(tx, f.event.id());
                locked.countDown();
                awaitQuietly(unlock);
                return null;
            }));
            assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

            List<Future<Api.Res>> queued = queueing.queue(f, pool);

            unlock.countDown();
            holder.get(30, TimeUnit.SECONDS);
            for (Future<Api.Res> push : queued) {
                assertThat(push.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        } finally {
            unlock.countDown();
            pool.shutdownNow();
        }
    }

    /** Queues pushes behind the held lock; returns them. */
    private interface Queueing {
        List<Future<Api.Res>> queue(Fixture f, ExecutorService pool) throws Exception;
    }

    /** Another operator of the event, signed in: a client of its own. */
    private static Api operator(Fixture f, String username) {
        f.server.admin().createUser(username, "operator-password", Set.of(dev.lanyard.model.Role.OPERATOR));
        f.server.admin().assignOperator(f.event.id(), username);
        return f.operator.as(f.server.admin().tokenFor(username));
    }

    private interface Check {
        void run(Fixture f) throws Exception;
    }

    private static PushRequest fullBatch(int door) {
        List<CheckInOp> ops = new ArrayList<>(PushRequest.MAX_ITEMS);
        for (int i = 0; i < PushRequest.MAX_ITEMS; i++) {
            ops.add(op(door, i));
        }
        return PushRequest.ofOps(null, ops);
    }

    private static CheckInOp op(int door, int n) {
        return Fixture.checkIn(Ids.newId(), DAY1, Set.of(), new Hlc(1_000 + n, 0, "door-" + door));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
