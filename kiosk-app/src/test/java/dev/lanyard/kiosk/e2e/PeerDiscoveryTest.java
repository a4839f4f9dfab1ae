package dev.lanyard.kiosk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.peer.PeerDiscovery;
import dev.lanyard.kiosk.core.peer.PeerNode;
import dev.lanyard.kiosk.support.Closer;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.model.Event;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.protocol.EventInput;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Doors on this host's LAN interface with no peer list at all: two doors of the event find each
 * other by DNS-SD and connect; a door of another event browsing on the same network is seen
 * by nobody as a peer (its advertisement names another event; were it dialled, the TLS
 * handshake would refuse it as {@link PeerTrustTest} shows). Skipped on a host without a
 * multicast-capable interface ({@link PeerDiscoveryNamespacesTest} covers discovery between
 * hosts, in CI).
 */
class PeerDiscoveryTest {
    @TempDir
    Path tmp;

    @Test
    void doorsOfTheEventFindEachOtherWithoutAPeerList() throws Exception {
        Optional<InetAddress> lan = PeerDiscovery.lanAddress();
        Assumptions.assumeTrue(lan.isPresent(), "skipped: this host has no multicast-capable LAN interface for mDNS");
        try (Closer closer = new Closer();
             LiveServer live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.DENY)) {
            Kiosk a1 = closer.keep(live.paired(tmp.resolve("a1"), "A1", Clock.systemUTC()));
            Kiosk a2 = closer.keep(live.paired(tmp.resolve("a2"), "A2", Clock.systemUTC()));
            Event other = live.server.admin().createEvent(new EventInput("Other Summit", null, null,
                    live.today, live.today.plusDays(1), ZoneOffset.UTC, null, null, null, null, ReentryPolicy.DENY,
                    null, null, null), LiveServer.ORGANIZER);
            Kiosk b1 = closer.keep(Kiosk.open(LiveServer.options(tmp.resolve("b1"), Clock.systemUTC()), true));
            b1.pair(live.url(), live.server.admin().createPairingCode(other.id()).code(), "B1", null);
            b1.bootstrap(p -> { });

            PeerNode nb = b1.startPeers(PeerTrustTest.options(0, List.of()).discoveringOn(lan.get()));
            PeerNode n1 = a1.startPeers(PeerTrustTest.options(0, List.of()).discoveringOn(lan.get()));
            PeerNode n2 = a2.startPeers(PeerTrustTest.options(0, List.of()).discoveringOn(lan.get()));

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(n1.peers()).extracting(PeerNode.Peer::deviceId).containsExactly(a2.identity().deviceId());
                assertThat(n2.peers()).extracting(PeerNode.Peer::deviceId).containsExactly(a1.identity().deviceId());
            });
            // nothing to wait for when nothing may happen: held for a whole second, checked all along
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(nb.peers()).as("a door of another event").isEmpty();
                assertThat(n1.peers()).hasSize(1);
            });
        }
    }
}
