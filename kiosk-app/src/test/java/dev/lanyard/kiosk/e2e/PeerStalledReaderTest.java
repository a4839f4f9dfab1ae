package dev.lanyard.kiosk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.checkin.WalkIn;
import dev.lanyard.kiosk.core.peer.PeerCredentials;
import dev.lanyard.kiosk.core.peer.PeerNode;
import dev.lanyard.kiosk.support.Closer;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A listed door that keeps asking but stops reading what it is sent (a bug, a hung laptop, a door that means harm):
 * door 1's answers pile up in its TCP window and then in the connection's queue. Dropping it must not wait for the
 * writer blocked on it, or door 1's one peer thread stops for every peer (ADR 0351).
 */
class PeerStalledReaderTest {
    /** How long the stalled door keeps asking, when door 1 does not drop it first. */
    static final Duration ASKING = Duration.ofSeconds(20);
    @TempDir
    Path tmp;
    Closer closer;
    LiveServer live;
    Participant alice;
    Kiosk door1;
    Kiosk door3;
    PeerNode node1;
    SSLContext asStalledDoor;

    @BeforeEach
    void threeDoors() throws Exception {
        closer = new Closer();
        live = closer.keep(LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.DENY));
        alice = live.add("Alice Kim", null, null);
        door1 = closer.keep(live.paired(tmp.resolve("d1"), "Door 1", Clock.systemUTC()));
        Kiosk stalled = closer.keep(live.paired(tmp.resolve("d2"), "Door 2 (stalled)", Clock.systemUTC()));
        door3 = closer.keep(live.paired(tmp.resolve("d3"), "Door 3", Clock.systemUTC()));
        // what door 1 holds makes each of its answers some kilobytes, so the stalled door's window fills soon
        for (int i = 0; i < 40; i++) {
            door1.walkIns().register(live.event.id(), new WalkIn("Walk In " + i, "walk" + i + "@example.com", null,
                    "Company " + i, Map.of()), false, live.today).join();
        }
        node1 = door1.startPeers(PeerTrustTest.options(0, List.of()));
        // its node registers its key with the server, and dials no one
        stalled.startPeers(PeerTrustTest.options(-1, List.of()));
        asStalledDoor = PeerTrustTest.presenting(
                PeerCredentials.loadOrCreate(KioskReplica.of(stalled), stalled.identity().deviceId()));
        PeerNode node3 = door3.startPeers(PeerTrustTest.options(-1,
                List.of(new InetSocketAddress("127.0.0.1", node1.port()))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(node3.peers()).hasSize(1));
    }

    @AfterEach
    void close() {
        closer.close();
    }

    @Test
    void aDoorThatAsksButNeverReadsIsDropped() throws Exception {
        try (SSLSocket stalled = connected()) {
            assertThat(askWithoutReading(stalled)).as("door 1 dropped the door that does not read").isTrue();
        }
    }

    @Test
    void aDoorThatAsksButNeverReadsDoesNotHoldUpTheOthers() throws Exception {
        try (SSLSocket stalled = connected()) {
            askWithoutReading(stalled);

            door3.checkIns().scan(live.event.id(), alice.ticketCode(), live.today).join();

            // door 3's push is taken in on door 1's peer thread
            await().atMost(Duration.ofSeconds(10)).until(() -> door1.checkedInCount(live.event.id(), live.today) == 1);
        }
    }

    /**
     * Sends wants for everything, each answered by door 1 with what it holds, and reads none of the answers: true once
     * door 1 drops the connection, false if it still takes wants after {@link #ASKING}.
     */
    private boolean askWithoutReading(SSLSocket socket) throws IOException, InterruptedException {
        byte[] want = ("{\"type\":\"want\",\"event\":\"" + live.event.id() + "\",\"vector\":{}}\n")
                .getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        long end = System.nanoTime() + ASKING.toNanos();
        while (System.nanoTime() < end) {
            try {
                out.write(want);
                out.flush();
            } catch (IOException dropped) {
                return true;
            }
            Thread.sleep(2);
        }
        return false;
    }

    /** The stalled door's connection: after the first byte of door 1's verdict on its certificate it reads nothing. */
    private SSLSocket connected() {
        return ListedDoorSocket.open(asStalledDoor, node1.port(), Duration.ofSeconds(10), 4_096);
    }
}
