package dev.lanyard.kiosk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.peer.PeerNode;
import dev.lanyard.kiosk.support.Closer;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.model.ReentryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A door's listener is open to the venue LAN: whoever connects and never finishes the TLS
 * handshake is dropped after the handshake timeout, and however many such callers stall at
 * once, at most a few handshakes are pending (the oldest is dropped for a newcomer), so a real
 * door still gets in (ADR 0318).
 */
class PeerHandshakeBoundTest {
    @TempDir
    Path tmp;

    @Test
    void aCallerThatNeverFinishesTheHandshakeIsDroppedAfterTheTimeout() throws Exception {
        try (Closer closer = new Closer();
             LiveServer live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.DENY)) {
            Kiosk a1 = closer.keep(live.paired(tmp.resolve("a1"), "A1", Clock.systemUTC()));
            PeerNode n1 = a1.startPeers(options(Duration.ofMillis(500), 4));
            try (Socket staller = new Socket("127.0.0.1", n1.port())) {
                // far longer than the door's 500 ms: a door that never gives up leaves this read to time out
                staller.setSoTimeout(8_000);
                assertThat(readOrTimeout(staller.getInputStream())).as("the door closed the stalled caller")
                        .isEqualTo(-1);
            }
        }
    }

    @Test
    void strangersStallingTheirHandshakesCannotKeepARealDoorOut() throws Exception {
        try (Closer closer = new Closer();
             LiveServer live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.DENY)) {
            Kiosk a1 = closer.keep(live.paired(tmp.resolve("a1"), "A1", Clock.systemUTC()));
            Kiosk a2 = closer.keep(live.paired(tmp.resolve("a2"), "A2", Clock.systemUTC()));
            // a timeout far beyond the test: only the bound can make room
            PeerNode n1 = a1.startPeers(options(Duration.ofMinutes(5), 4));
            List<Socket> strangers = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    Socket s = new Socket();
                    s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
                    s.connect(new InetSocketAddress("127.0.0.1", n1.port()), 2_000);
                    strangers.add(s);
                }
                // all but the newest few are dropped at once (each newcomer drops the oldest pending)
                for (Socket s : strangers.subList(0, 16)) {
                    s.setSoTimeout(10_000);
                    assertThat(readOrTimeout(s.getInputStream())).as("a stalled stranger beyond the bound was dropped")
                            .isEqualTo(-1);
                }
                // a dropped stranger's handshake thread ends a moment after its socket closed
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(handshakeThreads())
                        .as("pending handshakes are bounded").isLessThanOrEqualTo(4));

                PeerNode n2 = a2.startPeers(PeerTrustTest.options(-1,
                        List.of(new InetSocketAddress("127.0.0.1", n1.port()))));
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(n1.peers()).extracting(PeerNode.Peer::deviceId)
                            .containsExactly(a2.identity().deviceId());
                    assertThat(n2.peers()).extracting(PeerNode.Peer::deviceId)
                            .containsExactly(a1.identity().deviceId());
                });
            } finally {
                for (Socket s : strangers) {
                    s.close();
                }
            }
        }
    }

    private static PeerNode.Options options(Duration handshakeTimeout, int pendingHandshakes) {
        return PeerTrustTest.options(0, List.of()).withHandshakes(handshakeTimeout, pendingHandshakes);
    }

    /** -1 when the door closed the connection (after a TLS alert, if any); -2: a read timeout, it kept it open. */
    private static int readOrTimeout(InputStream in) throws IOException {
        try {
            int b;
            do {
                b = in.read();
            } while (b != -1);
            return b;
        } catch (SocketTimeoutException e) {
            return -2;
        } catch (IOException reset) {
            return -1;
        }
    }

    private static long handshakeThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("lanyard-peer-handshake")).count();
    }
}
