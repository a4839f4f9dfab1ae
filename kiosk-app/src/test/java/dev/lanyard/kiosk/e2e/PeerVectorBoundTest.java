package dev.lanyard.kiosk.e2e;

import static dev.lanyard.kiosk.e2e.ListedDoorSocket.readsToTheEnd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.peer.PeerCredentials;
import dev.lanyard.kiosk.core.peer.PeerNode;
import dev.lanyard.kiosk.core.peer.VersionVector;
import dev.lanyard.kiosk.support.Closer;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.model.ReentryPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A listed door's want names the origins it holds: door 1 takes at most {@link VersionVector#MAX_ORIGINS} of them,
 * drops a door whose want names more, and keeps of each peer one want's origins, however many it names over time
 * (ADR 0352). Before, each 4 MB want added some 470,000 origins to what door 1 kept of that door.
 */
class PeerVectorBoundTest {
    /** Under the cap: what a door inventing names could send in each of its wants. */
    static final int ORIGINS = 1_000;
    @org.junit.jupiter.api.io.TempDir
    Path tmp;
    Closer closer;
    LiveServer live;
    PeerNode node;
    Kiosk door1;
    SSLContext asListedDoor;

    @BeforeEach
    void twoDoors() throws Exception {
        closer = new Closer();
        live = closer.keep(LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.DENY));
        door1 = closer.keep(live.paired(tmp.resolve("a1"), "A1", Clock.systemUTC()));
        Kiosk other = closer.keep(live.paired(tmp.resolve("a2"), "A2", Clock.systemUTC()));
        node = door1.startPeers(PeerTrustTest.options(0, List.of()));
        // its node registers its key with the server, and dials no one
        other.startPeers(PeerTrustTest.options(-1, List.of()));
        asListedDoor = PeerTrustTest.presenting(
                PeerCredentials.loadOrCreate(KioskReplica.of(other), other.identity().deviceId()));
    }

    @AfterEach
    void close() {
        closer.close();
    }

    @Test
    void aWantNamingMoreOriginsThanTheCapEndsTheConnection() throws Exception {
        try (SSLSocket socket = connected()) {
            long start = System.nanoTime();
            send(socket, want("o", VersionVector.MAX_ORIGINS + 1));

            assertThat(readsToTheEnd(socket.getInputStream())).as("door 1 dropped the connection").isTrue();
            // door 1's own wants keep the reads busy, and it drops a door silent for 30 s anyway: the end must be soon
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aWantNamingAsManyOriginsAsTheCapIsAnswered() throws Exception {
        try (SSLSocket socket = connected()) {
            send(socket, want("o", VersionVector.MAX_ORIGINS));

            assertThat(answers(socket, 1)).isTrue();
        }
    }

    @Test
    void wantsNamingNewOriginsEachTimeDoNotGrowWhatDoorOneKeepsOfTheirDoor() throws Exception {
        try (SSLSocket socket = connected()) {
            // each want after the answer to the one before, as a door paging asks: a want still waiting for door 1's
            // thread is replaced by the next (ADR 0354)
            for (int round = 0; round < 5; round++) {
                send(socket, want("r" + round + "-", ORIGINS));
                assertThat(answers(socket, 1)).as("door 1 answered want %d", round).isTrue();
            }

            // door 1 holds nothing of its own here, so what it knows the door holds is its last want's origins
            assertThat(knownOrigins()).containsExactly(ORIGINS);
        }
    }

    private String want(String prefix, int origins) {
        StringBuilder line = new StringBuilder("{\"type\":\"want\",\"event\":\"")
                .append(live.event.id()).append("\",\"vector\":{");
        for (int i = 0; i < origins; i++) {
            line.append(i == 0 ? "" : ",").append('"').append(prefix).append(i).append("\":1");
        }
        return line.append("}}\n").toString();
    }

    private static void send(SSLSocket socket, String line) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads door 1's frames until it has sent {@code n} answers (its own wants and keepalives come between). */
    private static boolean answers(SSLSocket socket, int n) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        int answered = 0;
        String line;
        while (answered < n && (line = in.readLine()) != null) {
            if (line.contains("\"type\":\"items\"") && line.contains("\"reply\":true")) {
                answered++;
            }
        }
        return answered == n;
    }

    /** The number of origins door 1 knows each of its peers to hold: the node's state, read as it is. */
    private List<Integer> knownOrigins() throws ReflectiveOperationException {
        java.lang.reflect.Field connections = PeerNode.class.getDeclaredField("connections");
        connections.setAccessible(true);
        return ((Set<?>) connections.get(node)).stream().map(c -> {
            try {
                java.lang.reflect.Field known = c.getClass().getDeclaredField("known");
                known.setAccessible(true);
                return ((VersionVector) known.get(c)).asMap().size();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private SSLSocket connected() {
        return ListedDoorSocket.open(asListedDoor, node.port(), Duration.ofSeconds(10));
    }
}
