package dev.lanyard.kiosk.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SyncEngineTest {
    @Test
    void aReconnectedDoorWhosePushesDragOnAsksForTheOtherDoorsChangesAnyway() throws Exception {
        CompletableFuture<Void> neverSent = new CompletableFuture<>();

        SyncEngine.sentOrWaited(neverSent, Duration.ofMillis(100)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(neverSent).isNotDone(); // the outbox's own stage is left as it was
    }

    @Test
    void aReconnectedDoorAsksForTheOtherDoorsChangesAsSoonAsItsOwnAreSent() throws Exception {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        CompletableFuture<?> ready = SyncEngine.sentOrWaited(sent, Duration.ofHours(1)).toCompletableFuture();
        assertThat(ready).isNotDone();

        sent.complete(null);
        ready.get(5, TimeUnit.SECONDS);
    }
}
