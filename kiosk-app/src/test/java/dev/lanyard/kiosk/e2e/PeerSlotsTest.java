package dev.lanyard.kiosk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.peer.PeerCredentials;
import dev.lanyard.kiosk.core.peer.PeerNode;
import dev.lanyard.kiosk.support.Closer;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.model.ReentryPolicy;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A door the server listed, opening connection after connection with its own key (a bug, or a stolen laptop before it
 * is revoked), cannot take the slots every other door needs (ADR 0341).
 */
class PeerSlotsTest {
    @TempDir
    Path tmp;

    @Test
    void oneDoorOpeningConnectionAfterConnectionCannotKeepAnotherDoorOut() throws Exception {
        try (Closer closer = new Closer();
             LiveServer live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.DENY)) {
            Kiosk a1 = closer.keep(live.paired(tmp.resolve("a1"), "A1", Clock.systemUTC()));
            Kiosk greedy = closer.keep(live.paired(tmp.resolve("a2"), "A2 (greedy)", Clock.systemUTC()));
            Kiosk a3 = closer.keep(live.paired(tmp.resolve("a3"), "A3", Clock.systemUTC()));
            PeerNode n1 = a1.startPeers(PeerTrustTest.options(0, List.of()));
            // its node registers its key with the server, and dials no one
            greedy.startPeers(PeerTrustTest.options(-1, List.of()));
            SSLContext asGreedy = PeerTrustTest.presenting(
                    PeerCredentials.loadOrCreate(KioskReplica.of(greedy), greedy.identity().deviceId()));
            List<SSLSocket> sockets = new ArrayList<>();
            try {
                // once door 1 has the greedy door's key from the server, its handshakes succeed
                await().atMost(Duration.ofSeconds(30)).until(() -> handshake(asGreedy, n1.port(), sockets));
                for (int i = 0; i < 40; i++) {
                    handshake(asGreedy, n1.port(), sockets);
                }

                PeerNode n3 = a3.startPeers(PeerTrustTest.options(-1,
                        List.of(new InetSocketAddress("127.0.0.1", n1.port()))));

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(n1.peers()).extracting(PeerNode.Peer::deviceId).contains(a3.identity().deviceId());
                    assertThat(n3.peers()).extracting(PeerNode.Peer::deviceId)
                            .containsExactly(a1.identity().deviceId());
                });
            } finally {
                for (SSLSocket s : sockets) {
                    s.close();
                }
            }
        }
    }

    /**
     * The door's own share was checked, then acted on, without a lock: handshakes finishing together each saw room and
     * each added theirs, and one door grew past its share round by round until it held every slot. Found by a review.
     */
    @Test
    void oneDoorsHandshakesFinishingTogetherStillTakeOnlyItsShare() throws Exception {
        try (Closer closer = new Closer();
             LiveServer live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.DENY)) {
            Kiosk a1 = closer.keep(live.paired(tmp.resolve("a1"), "A1", Clock.systemUTC()));
            Kiosk greedy = closer.keep(live.paired(tmp.resolve("a2"), "A2 (greedy)", Clock.systemUTC()));
            Kiosk a3 = closer.keep(live.paired(tmp.resolve("a3"), "A3", Clock.systemUTC()));
            PeerNode n1 = a1.startPeers(PeerTrustTest.options(0, List.of()));
            greedy.startPeers(PeerTrustTest.options(-1, List.of()));
            SSLContext asGreedy = PeerTrustTest.presenting(
                    PeerCredentials.loadOrCreate(KioskReplica.of(greedy), greedy.identity().deviceId()));
            List<SSLSocket> sockets = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.ExecutorService eight = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> handshake(asGreedy, n1.port(), sockets));
                for (int round = 0; round < 60; round++) {
                    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(8);
                    List<java.util.concurrent.Future<Boolean>> done = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        done.add(eight.submit(() -> {
                            together.await();
                            return handshake(asGreedy, n1.port(), sockets);
                        }));
                    }
                    for (java.util.concurrent.Future<Boolean> f : done) {
                        f.get();
                    }
                }

                assertThat(n1.connectionsOf(greedy.identity().deviceId())).isLessThanOrEqualTo(2);
            } finally {
                eight.shutdownNow();
                for (SSLSocket s : sockets) {
                    s.close();
                }
            }
        }
    }

    private static boolean handshake(SSLContext context, int port, List<SSLSocket> sockets) {
        try {
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
            socket.setSoTimeout(5_000);
            socket.startHandshake();
            sockets.add(socket);
            // TLS 1.3: the door's verdict on this client's certificate comes with its first record
            return socket.getInputStream().read() != -1;
        } catch (java.io.IOException refused) {
            return false;
        }
    }
}
