package dev.lanyard.kiosk.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.checkin.ScanResult;
import dev.lanyard.kiosk.core.store.CheckInLog;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.ScanOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing the desk never interrupts a thread that may be inside a replica write: an interrupted thread's next file
 * operation closes H2's file (ClosedByInterruptException), failing whatever it was writing.
 */
class KioskCloseTest {
    @TempDir
    Path dir;

    @Test
    void aScanStillWaitingForTheReplicaWhenTheDeskClosesIsCommitted() throws Exception {
        Event event = Seed.event(ReentryPolicy.WARN);
        Participant alice = Seed.participant(event.id(), "Alice Kim", "alice@example.com", "Acme", 1);
        Kiosk kiosk = Seed.kiosk(dir, event, List.of(alice));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // a writer slower than the close's wait for the door thread (a long sync page on a slow disk)
        CompletableFuture<Void> slowWriter = CompletableFuture.runAsync(() -> kiosk.replica().write(tx -> {
            held.countDown();
            await(release);
            return null;
        }));
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<ScanResult> scan = kiosk.checkIns().scan(event.id(), alice.ticketCode(), null);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(kiosk::close);
        Thread.sleep(6_000);
        release.countDown();

        slowWriter.get(10, TimeUnit.SECONDS);
        closing.get(30, TimeUnit.SECONDS);
        assertThat(scan.get(10, TimeUnit.SECONDS).outcome()).isEqualTo(ScanOutcome.ADMITTED);
        try (Kiosk again = Seed.kiosk(dir, java.time.Clock.systemUTC())) {
            assertThat(again.replica().write(tx -> CheckInLog.state(tx, alice.id(), Seed.DAY1)).checkedIn()).isTrue();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
