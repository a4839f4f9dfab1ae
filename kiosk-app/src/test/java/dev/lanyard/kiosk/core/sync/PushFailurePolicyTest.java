package dev.lanyard.kiosk.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.core.clock.ClockOffset;
import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.support.FakeSyncServer;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.protocol.OpResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per row of {@link PushFailurePolicy}: what the outbox does about each way a push can fail. */
class PushFailurePolicyTest {
    @TempDir
    Path dir;
    final MockWebServer server = new MockWebServer();
    final FakeSyncServer fake = new FakeSyncServer();
    final List<Participant> people = new ArrayList<>();
    Event event;
    Kiosk kiosk;

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(fake);
        server.start();
        event = Seed.event(ReentryPolicy.WARN);
        for (int i = 0; i < 4; i++) {
            people.add(Seed.participant(event.id(), "Guest " + i, null, null, i));
        }
        Seed.folder(dir, server.url("/").toString(), List.of(event), people);
        kiosk = Kiosk.open(Seed.options(dir, Seed.clockAt(Seed.DAY1, 10)).withBatchSizes(8, 1000), false);
        people.forEach(p -> kiosk.checkIns().scan(event.id(), p.ticketCode(), null).join());
    }

    @AfterEach
    void stop() {
        kiosk.close();
        server.close();
    }

    int unsent() {
        return KioskReplica.of(kiosk).write(OutboxStore::unsent);
    }

    /** The rows whose items are fine: nothing is dropped, the flush ends in a failure the sender backs off from. */
    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 429, 401, 403, 404})
    void aPushRefusedForTheServersOrThePairingsSakeKeepsEveryItemAndBacksOff(int status) {
        fake.fallback = push -> FakeSyncServer.error(status);

        OutboxSender.Flush flush = kiosk.outbox().flushNow();

        assertThat(flush.succeeded()).isFalse();
        assertThat(PushFailurePolicy.of(flush.error(), 8).action()).isEqualTo(PushFailurePolicy.Action.BACK_OFF);
        assertThat(unsent()).isEqualTo(8);
        assertThat(kiosk.deadLetters()).isEmpty();
        assertThat(fake.pushes).hasSize(1);
    }

    @Test
    void noAnswerAtAllIsANetworkFailureThatKeepsEverything() {
        server.close();

        OutboxSender.Flush flush = kiosk.outbox().flushNow();

        assertThat(PushFailurePolicy.of(flush.error(), 8)).isEqualTo(PushFailurePolicy.NETWORK);
        assertThat(unsent()).isEqualTo(8);
        assertThat(kiosk.deadLetters()).isEmpty();
    }

    @Test
    void aCertificateThatIsNotThePinnedOneIsNeverSentToAndNeverDropsAnything() {
        SyncException mismatch = new SyncException(SyncException.Kind.CERTIFICATE, 0, "TLS handshake failed", null);

        assertThat(PushFailurePolicy.of(mismatch, 1)).isEqualTo(PushFailurePolicy.CERTIFICATE_MISMATCH);
        assertThat(PushFailurePolicy.of(mismatch, 1).action()).isEqualTo(PushFailurePolicy.Action.BACK_OFF);
    }

    @Test
    void busyServersRetryAfterIsWaitedOutEvenWhenTheBackoffIsShorter() {
        fake.fallback = push -> FakeSyncServer.error(429).newBuilder().setHeader("Retry-After", "120").build();

        SyncException busy = kiosk.outbox().flushNow().error();

        assertThat(busy.kind()).isEqualTo(SyncException.Kind.RATE_LIMITED);
        assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        Backoff fast = new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), () -> 1.0);
        assertThat(PushFailurePolicy.waitBefore(fast, 1, busy)).isEqualTo(Duration.ofSeconds(120));
        assertThat(PushFailurePolicy.waitBefore(fast, 1, new
                SyncException(SyncException.Kind.SERVER, 503, "down", null)))
                .isEqualTo(Duration.ofMillis(20));
    }

    /**
     * Retry-After was honoured on any answer, up to an hour: one proxy page (a 500, a 401) saying so kept a door from
     * sending for that long while its socket stayed up. Found by a review.
     */
    @Test
    void onlyABusyOrUnavailableServersRetryAfterIsWaitedOut() {
        Backoff fast = new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), () -> 1.0);
        Duration asked = Duration.ofSeconds(30);
        assertThat(PushFailurePolicy.waitBefore(fast, 1, new SyncException(SyncException.Kind.SERVER, 500, "error",
                null, asked))).isEqualTo(Duration.ofMillis(20));
        assertThat(PushFailurePolicy.waitBefore(fast, 1, new SyncException(SyncException.Kind.UNAUTHORIZED, 401,
                "who", null, asked))).isEqualTo(Duration.ofMillis(20));
        assertThat(PushFailurePolicy.waitBefore(fast, 1, new SyncException(SyncException.Kind.SERVER, 503, "down",
                null, asked))).isEqualTo(asked);
    }

    @Test
    void theSendersTimerWaitsTheRetryAfter() {
        fake.fallback = push -> FakeSyncServer.error(429).newBuilder().setHeader("Retry-After", "3600").build();
        List<Long> delays = new CopyOnWriteArrayList<>();
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1) {
            @Override
            public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
                delays.add(unit.toMillis(delay));
                return super.schedule(command, delay, unit);
            }
        };
        ServerApi api = new ServerApi(ServerApi.client(null), server.url("/").toString(), () -> "lyd_test");
        ClockOffset offset = KioskReplica.of(kiosk).write(ClockOffset::restore);
        OutboxSender sender = new OutboxSender(KioskReplica.of(kiosk), api, timers,
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), () -> 1.0),
                Seed.clockAt(Seed.DAY1, 10), kiosk.syncStatus(), Seed.DEVICE, 8, kiosk.clock(), offset,
                kiosk.notices());
        try {
            sender.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> delays.stream().anyMatch(d -> d > 0));
            // an hour asked, five minutes waited: a proxy's Retry-After held a door's check-ins for as long as it said
            assertThat(delays.stream().filter(d -> d > 0).findFirst()).contains(300_000L);
        } finally {
            sender.stop();
            timers.shutdownNow();
        }
    }

    @Test
    void aBatchTooLargeIsSplitAndAnItemTooLargeOnItsOwnBecomesADeadLetter() {
        UUID huge = KioskReplica.of(kiosk).write(tx -> OutboxStore.oldest(tx, event.id(), 8)).get(2).itemId();
        fake.fallback = push -> push.size() > 1 || FakeSyncServer.ids(push).contains(huge) ? FakeSyncServer.error(413)
                : fake.acceptAll(push);

        OutboxSender.Flush flush = kiosk.outbox().flushNow();

        assertThat(flush.sent()).isEqualTo(7);
        assertThat(kiosk.deadLetters()).singleElement().satisfies(d -> assertThat(d.itemId()).isEqualTo(huge));
        assertThat(PushFailurePolicy.of(new SyncException(SyncException.Kind.TOO_LARGE, 413, "", null), 2))
                .isEqualTo(PushFailurePolicy.BATCH_TOO_LARGE);
        assertThat(PushFailurePolicy.of(new SyncException(SyncException.Kind.TOO_LARGE, 413, "", null), 1))
                .isEqualTo(PushFailurePolicy.ITEM_TOO_LARGE);
    }

    @Test
    void aMalformedBatchIsSplitUntilTheOneBadItemIsALoneDeadLetter() {
        UUID bad = KioskReplica.of(kiosk).write(tx -> OutboxStore.oldest(tx, event.id(), 8)).get(5).itemId();
        fake.fallback = push -> FakeSyncServer.ids(push).contains(bad) ? FakeSyncServer.error(422)
                : fake.acceptAll(push);

        OutboxSender.Flush flush = kiosk.outbox().flushNow();

        assertThat(flush.sent()).isEqualTo(7);
        assertThat(kiosk.deadLetters()).singleElement().satisfies(d -> assertThat(d.itemId()).isEqualTo(bad));
        assertThat(PushFailurePolicy.of(new SyncException(SyncException.Kind.BAD_REQUEST, 400, "", null), 1))
                .isEqualTo(PushFailurePolicy.ITEM_MALFORMED);
    }

    @Test
    void anItemRejectedForWhatItSaysIsADeadLetterWithTheReason() {
        fake.fallback = push -> FakeSyncServer.answer(push,
                id -> OpResult.rejected(id, "participant not in this event"));

        OutboxSender.Flush flush = kiosk.outbox().flushNow();

        assertThat(flush.deadLettered()).isEqualTo(8);
        assertThat(kiosk.deadLetters()).allSatisfy(d -> assertThat(d.reason())
                .isEqualTo("participant not in this event"));
        assertThat(PushFailurePolicy.of(OpResult.rejected(UUID.randomUUID(), "x")))
                .isEqualTo(PushFailurePolicy.ITEM_REJECTED);
    }

    @Test
    void anItemRefusedForTheClockIsReStampedAndKeptNeverADeadLetter() {
        fake.script.add(push -> FakeSyncServer.answer(push,
                id -> OpResult.clockAhead(id, Seed.clockAt(Seed.DAY1, 10).millis())));

        OutboxSender.Flush flush = kiosk.outbox().flushNow();

        assertThat(PushFailurePolicy.of(OpResult.clockAhead(UUID.randomUUID(), 1L)).action())
                .isEqualTo(PushFailurePolicy.Action.RESTAMP);
        assertThat(flush.restamped()).isEqualTo(8);
        assertThat(flush.sent()).isEqualTo(8);
        assertThat(kiosk.deadLetters()).isEmpty();
        assertThat(fake.pushes.get(1).size()).isEqualTo(8);
    }

    @Test
    void aServerThatKeepsRefusingReStampedItemsIsBackedOffFromNotSpunOn() {
        fake.fallback = push -> FakeSyncServer.answer(push,
                id -> OpResult.clockAhead(id, Seed.clockAt(Seed.DAY1, 10).millis()));

        OutboxSender.Flush flush = kiosk.outbox().flushNow();

        assertThat(flush.succeeded()).isFalse();
        assertThat(fake.pushes).hasSize(2);
        assertThat(unsent()).isEqualTo(8);
        assertThat(kiosk.deadLetters()).isEmpty();
    }
}
