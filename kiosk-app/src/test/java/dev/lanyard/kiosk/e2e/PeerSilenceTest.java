package dev.lanyard.kiosk.e2e;

import static dev.lanyard.kiosk.e2e.ListedDoorSocket.readsToTheEnd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.peer.PeerCredentials;
import dev.lanyard.kiosk.core.peer.PeerNode;
import dev.lanyard.kiosk.support.Closer;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.model.ReentryPolicy;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A listed door whose connection goes silent after its handshake (its Wi-Fi gone, its lid shut, the connection left
 * half open) does not hold a slot and a reader for ever; a door that is only quiet keeps its connection (ADR 0347).
 */
class PeerSilenceTest {
    static final Duration LIMIT = Duration.ofSeconds(1);
    @TempDir
    Path tmp;
    Closer closer;
    PeerNode node;
    SSLContext asListedDoor;

    @BeforeEach
    void twoDoors() throws Exception {
        closer = new Closer();
        LiveServer live = closer.keep(LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.DENY));
        Kiosk listening = closer.keep(live.paired(tmp.resolve("a1"), "A1", Clock.systemUTC()));
        Kiosk other = closer.keep(live.paired(tmp.resolve("a2"), "A2", Clock.systemUTC()));
        // no exchanges of its own in the test's time: what keeps a connection warm here is the keepalive alone
        node = listening.startPeers(
                new PeerNode.Options(0, List.of(), 3, Duration.ofMinutes(10), Duration.ofMillis(500))
                        .withSilenceLimit(LIMIT));
        // its node registers its key with the server, and dials no one
        other.startPeers(PeerTrustTest.options(-1, List.of()));
        asListedDoor = PeerTrustTest.presenting(
                PeerCredentials.loadOrCreate(KioskReplica.of(other), other.identity().deviceId()));
    }

    @org.junit.jupiter.api.AfterEach
    void close() throws Exception {
        closer.close();
    }

    @Test
    void aConnectionSilentPastTheLimitIsDropped() throws Exception {
        try (SSLSocket socket = connected()) {
            long start = System.nanoTime();
            // the door's want, then its keepalives, then the end: never answered, it must end within a few limits
            assertThat(readsToTheEnd(socket.getInputStream())).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LIMIT.multipliedBy(4));
        }
    }

    @Test
    void aQuietDoorThatSendsKeepalivesKeepsItsConnectionAndHearsTheirs() throws Exception {
        try (SSLSocket socket = connected()) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            int emptyLines = 0;
            long end = System.nanoTime() + LIMIT.multipliedBy(4).toNanos();
            int previous = '\n';
            while (System.nanoTime() < end) {
                out.write('\n');
                out.flush();
                int b = in.read();
                assertThat(b).as("the door closed a connection that kept talking").isNotEqualTo(-1);
                if (b == '\n' && previous == '\n') {
                    emptyLines++;
                }
                previous = b;
            }
            assertThat(emptyLines).as("keepalives heard in four limits").isGreaterThanOrEqualTo(4);
        }
    }

    private SSLSocket connected() {
        return ListedDoorSocket.open(asListedDoor, node.port(), LIMIT.multipliedBy(10));
    }
}
