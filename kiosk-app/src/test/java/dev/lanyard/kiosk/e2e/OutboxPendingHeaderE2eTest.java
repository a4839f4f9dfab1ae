package dev.lanyard.kiosk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.support.LiveServerE2e;
import dev.lanyard.kiosk.support.Replicas;
import dev.lanyard.kiosk.ui.support.MutableClock;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A door tells the real server how much it still has to send, and the server's alerts see it (ADR 0224). */
class OutboxPendingHeaderE2eTest extends LiveServerE2e {
    @Test
    void theServerSeesTheDoorsOutboxCountAndItsDrainingToZero() throws Exception {
        live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.WARN);
        MutableClock clock = new MutableClock(Instant.now());
        Kiosk door = closeMe.keep(live.paired(tmp.resolve("door"), "Door", clock));
        java.util.List<Participant> guests = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            guests.add(live.add("Guest " + i, null, null));
        }
        door.sync().syncUntilIdle();
        guests.forEach(g -> door.checkIns().scan(live.event.id(), g.ticketCode(), live.today).join());
        int waiting = Replicas.pending(door);
        assertThat(waiting).as("three check-ins, each an item or more").isGreaterThanOrEqualTo(3);
        java.util.UUID id = java.util.UUID.fromString(door.identity().deviceId());
        clock.advance(Duration.ofSeconds(10)); // the count the door sends is at most a few seconds old

        // the push alone: the request that carried the items said how many were waiting
        assertThat(door.outbox().flushNow().sent()).isPositive();
        assertThat(live.server.doorActivity().pending(id)).isEqualTo(Optional.of(waiting));
        door.sync().syncUntilIdle();
        assertThat(Replicas.pending(door)).isZero();

        clock.advance(Duration.ofSeconds(10));
        door.sync().syncUntilIdle();
        assertThat(live.server.doorActivity().pending(id)).isEqualTo(Optional.of(0));
    }
}
