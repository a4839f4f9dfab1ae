package dev.lanyard.kiosk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.peer.PeerNode;
import dev.lanyard.kiosk.support.Closer;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.support.TcpProxy;
import dev.lanyard.model.ReentryPolicy;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A door that cannot reach the server learns a revocation from a peer door that can (ADR
 * 0319): door B is cut off from the server, a stolen door (kept off the server by the thief) is
 * connected to B, the host revokes
 * the stolen door; door A sees it on the server's list and tells B, which drops the stolen door
 * and refuses its redials.
 */
class PeerRevocationRelayTest {
    @TempDir
    Path tmp;

    @Test
    void aRevocationReachesADoorCutOffFromTheServerThroughAPeer() throws Exception {
        try (Closer closer = new Closer();
             LiveServer live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.DENY)) {
            TcpProxy pathB = closer.keep(new TcpProxy(java.net.URI.create(live.url()).getPort()));
            Kiosk a = closer.keep(live.paired(tmp.resolve("a"), "A", Clock.systemUTC()));
            Kiosk b = closer.keep(live.paired(LiveServer.options(tmp.resolve("b"), Clock.systemUTC()),
                    pathB.url("http"), "B", null));
            // the thief keeps the stolen door off the server, so it never learns it was revoked (and never wipes)
            TcpProxy pathX = closer.keep(new TcpProxy(java.net.URI.create(live.url()).getPort()));
            Kiosk stolen = closer.keep(live.paired(LiveServer.options(tmp.resolve("x"), Clock.systemUTC()),
                    pathX.url("http"), "X (stolen)", null));
            PeerNode na = a.startPeers(PeerTrustTest.options(0, List.of()));
            PeerNode nb = b.startPeers(PeerTrustTest.options(0,
                    List.of(new InetSocketAddress("127.0.0.1", na.port()))));
            PeerNode nx = stolen.startPeers(PeerTrustTest.options(-1,
                    List.of(new InetSocketAddress("127.0.0.1", nb.port()))));
            String stolenId = stolen.identity().deviceId();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(nb.peers())
                    .extracting(PeerNode.Peer::deviceId).containsExactlyInAnyOrder(a.identity().deviceId(), stolenId));
            pathB.cut();
            pathX.cut();

            live.server.admin().revokeDevice(UUID.fromString(stolenId));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(nb.peers())
                    .extracting(PeerNode.Peer::deviceId).containsExactly(a.identity().deviceId()));
            // B dials A and is dialled only by the stolen door: one more refused handshake at B is its redial
            int refused = nb.refusedHandshakes();
            await().atMost(Duration.ofSeconds(30)).until(() -> nb.refusedHandshakes() > refused);
            assertThat(nb.peers()).as("the stolen door's redials are refused").extracting(PeerNode.Peer::deviceId)
                    .containsExactly(a.identity().deviceId());
            assertThat(nx.peers()).isEmpty();
        }
    }
}
