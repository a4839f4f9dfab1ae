package dev.lanyard.kiosk.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.ScanOutcome;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A door re-reading a restored server's feed (ADR 0313) whose re-read was cut off (the network, a crash): only the
 * reconnect's check finished it, so a door whose socket never connects (a proxy that breaks WebSockets: it pulls every
 * 20 s instead) never gave the server back what it lost. Found by a review.
 */
class InterruptedRewindTest {
    @TempDir
    Path tmp;
    LiveServer live;
    Kiosk door;

    @AfterEach
    void stop() {
        if (door != null) {
            door.close();
        }
        if (live != null) {
            live.close();
        }
    }

    @Test
    void aPullFinishesAnInterruptedRewindAndGivesBackWhatTheServerLost() throws Exception {
        Path data = tmp.resolve("server");
        live = LiveServer.start(data, 0, false, ReentryPolicy.WARN);
        List<Participant> people = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            people.add(live.add("Guest " + i, null, null));
        }
        door = live.paired(tmp.resolve("door"), "Door", Clock.systemUTC());
        Path backup = tmp.resolve("backup");
        live = live.backedUpTo(data, backup);
        UUID event = live.event.id();
        for (Participant p : people) {
            assertThat(door.checkIns().scan(event, p.ticketCode(), live.today).join().outcome())
                    .isEqualTo(ScanOutcome.ADMITTED);
        }
        door.sync().syncUntilIdle();
        assertThat(live.opIds()).hasSize(3);
        live = live.restoredFrom(data, backup);
        // the restore was noticed and the feed forgotten, and the re-read stopped there
        KioskReplica.of(door).write(tx -> {
            ServerRewind.forget(tx, event);
            return null;
        });

        door.sync().bootstrap(event, null);

        boolean pending = KioskReplica.of(door).write(tx -> ServerRewind.pending(tx, event));
        int lostOpsQueued = KioskReplica.of(door).write(tx -> OutboxStore.count(tx, OutboxStore.Kind.OP));
        assertThat(pending).isFalse();
        assertThat(lostOpsQueued).isEqualTo(3);
    }
}
