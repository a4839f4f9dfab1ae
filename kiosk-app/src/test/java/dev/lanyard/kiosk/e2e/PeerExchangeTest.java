package dev.lanyard.kiosk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.checkin.ScanResult;
import dev.lanyard.kiosk.core.checkin.WalkIn;
import dev.lanyard.kiosk.core.peer.PeerNode;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.jooq.Tables;
import dev.lanyard.kiosk.support.Closer;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.support.TcpProxy;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.ScanOutcome;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two doors in this JVM with the server stopped: what one admits or registers reaches the
 * other over the peer link (a walk-in and an edit too), the other refuses the same ticket as
 * already in; the server back, both doors' outboxes reach it and all three hold the same ops.
 */
class PeerExchangeTest {
    @TempDir
    Path tmp;

    @Test
    void doorsSeeEachOthersWorkWithoutTheServerAndTheServerGetsItAllOnce() throws Exception {
        LiveServer first0 = LiveServer.start(tmp.resolve("server"), 0, false, ReentryPolicy.DENY);
        int port = first0.server.port();
        dev.lanyard.model.Event event = first0.event;
        java.time.LocalDate today = first0.today;
        LiveServer live = first0;
        try (Closer closer = new Closer()) {
            Participant alice = first0.add("Alice Kim", "alice@example.com", null);
            Kiosk door1 = closer.keep(first0.paired(tmp.resolve("d1"), "Door 1", Clock.systemUTC()));
            Kiosk door2 = closer.keep(first0.paired(tmp.resolve("d2"), "Door 2", Clock.systemUTC()));
            door1.startSync();
            door2.startSync();
            PeerNode n1 = door1.startPeers(PeerTrustTest.options(0, List.of()));
            PeerNode n2 = door2.startPeers(PeerTrustTest.options(-1,
                    List.of(new InetSocketAddress("127.0.0.1", n1.port()))));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(n1.peers()).hasSize(1);
                assertThat(n2.peers()).hasSize(1);
            });
            first0.close();

            ScanResult first = door1.checkIns().scan(event.id(), alice.ticketCode(), today).join();
            assertThat(first.outcome()).isEqualTo(ScanOutcome.ADMITTED);
            UUID walkIn = door2.walkIns().register(event.id(),
                    new WalkIn("Bora Park", "bora@example.com", null, "Acme", Map.of()),
                    false, today).join().participant().id();
            door2.edits().edit(event.id(), alice.id(), Map.of("company", "Initech")).join();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(door2.checkedInCount(event.id(), today)).isEqualTo(1);
                assertThat(door1.search().search(event.id(), "Bora", today, 10).hits()).isNotEmpty();
            });
            ScanResult second = door2.checkIns().scan(event.id(), alice.ticketCode(), today).join();
            assertThat(second.outcome()).isEqualTo(ScanOutcome.ALREADY_IN);
            assertThat(second.firstDevice()).isEqualTo(door1.identity().deviceId());

            live = LiveServer.reopen(tmp.resolve("server"), port, event, today);
            LiveServer back = live;
            for (Kiosk door : List.of(door1, door2)) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    door.sync().syncUntilIdle();
                    assertThat((int) KioskReplica.of(door).write(OutboxStore::count)).isZero();
                });
            }
            assertThat(back.opIds()).containsExactly(first.opId());
            assertThat(back.participants().get(walkIn).name()).isEqualTo("Bora Park");
            assertThat(back.participants().get(alice.id()).company()).isEqualTo("Initech");
            for (Kiosk door : List.of(door1, door2)) {
                door.sync().syncUntilIdle();
                assertThat(opIds(door)).isEqualTo(new HashSet<>(back.opIds()));
            }
        } finally {
            live.close();
        }
    }

    @Test
    void aDoorCutOffFromTheServerHasItsWorkForwardedByAPeerThatReachesItAndNothingIsDoubledLater() throws Exception {
        try (Closer closer = new Closer(); LiveServer live =
                LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.DENY)) {
            Participant alice = live.add("Alice Kim", null, null);
            TcpProxy path2 = closer.keep(new TcpProxy(java.net.URI.create(live.url()).getPort()));
            Kiosk door1 = closer.keep(live.paired(tmp.resolve("d1"), "Door 1", Clock.systemUTC()));
            Kiosk door2 = closer.keep(live.paired(LiveServer.options(tmp.resolve("d2"), Clock.systemUTC()),
                    path2.url("http"), "Door 2", null));
            PeerNode n1 = door1.startPeers(PeerTrustTest.options(0, List.of()));
            PeerNode n2 = door2.startPeers(PeerTrustTest.options(-1,
                    List.of(new InetSocketAddress("127.0.0.1", n1.port()))));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(n1.peers()).hasSize(1);
                assertThat(n2.peers()).hasSize(1);
            });
            path2.cut();

            ScanResult admitted = door2.checkIns().scan(live.event.id(), alice.ticketCode(), live.today).join();
            UUID walkIn = door2.walkIns().register(live.event.id(),
                    new WalkIn("Bora Park", null, null, null, Map.of()), true, live.today)
                    .join().participant().id();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(
                    () -> assertThat(door1.checkedInCount(live.event.id(), live.today)).isEqualTo(2));
            assertThat(door1.sync().syncUntilIdle().error()).isNull();

            assertThat(live.opIds()).hasSize(2).contains(admitted.opId());
            assertThat(live.participants().get(walkIn).name()).isEqualTo("Bora Park");
            assertThat(door2.sync().syncUntilIdle().error()).as("door 2 is still cut off").isNotNull();

            path2.heal();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                door2.sync().syncUntilIdle();
                assertThat((int) KioskReplica.of(door2).write(OutboxStore::count)).isZero();
            });
            assertThat(live.opIds()).as("door 2's own push later doubles nothing").hasSize(2);
            assertThat(live.checkInStates()).hasSize(2).allSatisfy((key, state) -> assertThat(state)
                    .isEqualTo("true false 0"));
            assertThat(opIds(door2)).isEqualTo(new HashSet<>(live.opIds()));
        }
    }

    static Set<UUID> opIds(Kiosk door) {
        return new HashSet<>(KioskReplica.of(door).write(tx -> tx.dsl().select(Tables.CHECKIN_OP.OP_ID)
                .from(Tables.CHECKIN_OP)
                .fetch(Tables.CHECKIN_OP.OP_ID)));
    }
}
