package dev.lanyard.kiosk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.peer.PeerCredentials;
import dev.lanyard.kiosk.core.peer.PeerNode;
import dev.lanyard.kiosk.support.Closer;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.model.Event;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.protocol.EventInput;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Doors accept as peers only doors of their own event whose key the server lists and has not
 * revoked: a door of another event, a revoked door and a stranger with a certificate of its own
 * are refused in the TLS handshake, and none of them is ever counted as a peer.
 */
class PeerTrustTest {
    @TempDir
    Path tmp;

    @Test
    void aDoorOfAnotherEventAndAStrangerAreRefused() throws Exception {
        try (Closer closer = new Closer(); LiveServer live =
                LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.DENY)) {
            Kiosk a1 = closer.keep(live.paired(tmp.resolve("a1"), "A1", Clock.systemUTC()));
            Kiosk a2 = closer.keep(live.paired(tmp.resolve("a2"), "A2", Clock.systemUTC()));
            Event other = live.server.admin().createEvent(new
                    EventInput("Other Summit", null, null, live.today, live.today.plusDays(1),
                    ZoneOffset.UTC, null, null, null, null, ReentryPolicy.DENY, null, null, null),
                    LiveServer.ORGANIZER);
            Kiosk b1 = closer.keep(Kiosk.open(LiveServer.options(tmp.resolve("b1"), Clock.systemUTC()), true));
            b1.pair(live.url(), live.server.admin().createPairingCode(other.id()).code(), "B1", null);
            b1.bootstrap(p -> { });

            PeerNode n1 = a1.startPeers(options(0, List.of()));
            InetSocketAddress at1 = new InetSocketAddress("127.0.0.1", n1.port());
            PeerNode nb = b1.startPeers(options(-1, List.of(at1)));
            PeerNode n2 = a2.startPeers(options(-1, List.of(at1)));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(n1.peers()).extracting(PeerNode.Peer::deviceId).containsExactly(a2.identity().deviceId());
                assertThat(n2.peers()).extracting(PeerNode.Peer::deviceId).containsExactly(a1.identity().deviceId());
            });
            assertThat(nb.peers()).as("a door of another event").isEmpty();

            // a stranger: a key pair and certificate of its own, trusting anyone
            PeerCredentials strangerKeys = PeerCredentials.generate("stranger");
            SSLContext context = presenting(strangerKeys);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", n1.port())) {
                socket.setSoTimeout(10_000);
                InputStream in = socket.getInputStream();
                int read;
                try {
                    socket.startHandshake();
                    read = in.read();
                } catch (java.io.IOException refused) {
                    read = -1;
                }
                assertThat(read).as("door 1 sends a stranger nothing").isEqualTo(-1);
            }
            // door 1 refused the stranger in its handshake (the -1 above), and a refused handshake adds no peer
            assertThat(n1.peers()).extracting(PeerNode.Peer::deviceId).containsExactly(a2.identity().deviceId());
        }
    }

    @Test
    void aDoorRevokedWhileConnectedIsDroppedAndItsRedialsRefused() throws Exception {
        try (Closer closer = new Closer(); LiveServer live =
                LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.DENY)) {
            Kiosk a1 = closer.keep(live.paired(tmp.resolve("a1"), "A1", Clock.systemUTC()));
            Kiosk stolen = closer.keep(live.paired(tmp.resolve("a3"), "A3 (stolen)", Clock.systemUTC()));
            PeerNode n1 = a1.startPeers(options(0, List.of()));
            PeerNode n3 = stolen.startPeers(options(-1, List.of(new InetSocketAddress("127.0.0.1", n1.port()))));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(n1.peers()).hasSize(1));
            live.server.admin().revokeDevice(UUID.fromString(stolen.identity().deviceId()));
            // door 1 learns of the revocation at its next look at the server; the stolen door's next dial is refused
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(n1.peers()).isEmpty());
            // held, not slept through: this stolen door can reach the server and may stop dialling once it learns
            // it was revoked, so no redial is certain to come (PeerRevocationRelayTest waits for a refused one)
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(n1.peers()).as("redials are refused").isEmpty());
            assertThat(n3.peers()).isEmpty();
        }
    }

    static PeerNode.Options options(int listen, List<InetSocketAddress> peers) {
        return new PeerNode.Options(listen, peers, 3, Duration.ofMillis(200), Duration.ofMillis(500));
    }

    /** A TLS client presenting {@code keys}' certificate and trusting any server: what a raw caller of a door is. */
    static SSLContext presenting(PeerCredentials keys) throws java.security.GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keys.keyManagers(), new TrustManager[] {new TrustAll()}, new SecureRandom());
        return context;
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
