package dev.lanyard.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.server.support.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A dashboard asks for its event's snapshot on every change; during a reconnect storm that is without pause, and every
 * organizer watching asked on their own: each made one, reading all of the event's state rows, attempts and
 * participants (ADR 0246).
 */
class RecentSnapshotsTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-06T20:00:00Z"));
    private final RecentSnapshots<String, Integer> snapshots = new RecentSnapshots<>(clock, Duration.ofSeconds(1));
    private final AtomicInteger made = new AtomicInteger();
    private final Supplier<Integer> counting = made::incrementAndGet;

    @Test
    void askingAgainWithinTheReuseIsAnsweredWithTheSnapshotMade() {
        snapshots.get("event", counting);
        clock.advance(Duration.ofMillis(900));

        assertThat(snapshots.get("event", counting)).isEqualTo(1);
        assertThat(made).hasValue(1);
    }

    @Test
    void askingAfterTheReuseMakesANewOne() {
        snapshots.get("event", counting);
        clock.advance(Duration.ofSeconds(1));

        assertThat(snapshots.get("event", counting)).isEqualTo(2);
    }

    @Test
    void aSnapshotThatTookLongToMakeIsReusedFourTimesAsLong() {
        snapshots.get("event", () -> {
            clock.advance(Duration.ofSeconds(2));
            return made.incrementAndGet();
        });
        clock.advance(Duration.ofMillis(5_900)); // 7.9 s after it was begun

        assertThat(snapshots.get("event", counting)).isEqualTo(1);
        clock.advance(Duration.ofMillis(100));
        assertThat(snapshots.get("event", counting)).isEqualTo(2);
    }

    @Test
    void eachKeyHasItsOwnSnapshot() {
        snapshots.get("one event", counting);

        assertThat(snapshots.get("another event", counting)).isEqualTo(2);
    }

    @Test
    void whoeverAsksWhileOneIsMadeWaitsForItInsteadOfMakingAnother() throws Exception {
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Integer> first = makingUntil(finish);
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> snapshots.get("event", counting));
        Thread.sleep(200);
        assertThat(second).isNotDone();

        finish.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(made).hasValue(1);
    }

    @Test
    void aClockSetBackDoesNotKeepAnOldSnapshotRecent() {
        snapshots.get("event", counting);
        clock.advance(Duration.ofHours(-1)); // the time service stepped the clock back

        assertThat(snapshots.get("event", counting)).isEqualTo(2);
    }

    @Test
    void afterForgettingNoSnapshotMadeBeforeIsShownAgain() {
        snapshots.get("event", counting);

        snapshots.forgetAll();

        assertThat(snapshots.get("event", counting)).isEqualTo(2);
    }

    @Test
    void aSnapshotBegunBeforeForgettingIsNotShownToWhoeverAsksAfter() throws Exception {
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Integer> first = makingUntil(finish);
        snapshots.forgetAll(); // e.g. a door revoked while the snapshot was being made
        CompletableFuture<Integer> after = CompletableFuture.supplyAsync(() -> snapshots.get("event", counting));

        finish.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo(2);
    }

    @Test
    void aSnapshotThatFailedIsNotKept() {
        assertThatThrownBy(() -> snapshots.get("event", () -> {
            throw new IllegalStateException("database gone");
        })).hasMessage("database gone");

        assertThat(snapshots.get("event", counting)).isEqualTo(1);
    }

    /** Asks for the event's snapshot on another thread, making it until {@code finish}; returns once begun. */
    private CompletableFuture<Integer> makingUntil(CountDownLatch finish) throws InterruptedException {
        CountDownLatch making = new CountDownLatch(1);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> snapshots.get("event", () -> {
            making.countDown();
            await(finish);
            return made.incrementAndGet();
        }));
        assertThat(making.await(10, TimeUnit.SECONDS)).isTrue();
        return first;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
