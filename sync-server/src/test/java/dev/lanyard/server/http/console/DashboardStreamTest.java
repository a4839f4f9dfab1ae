package dev.lanyard.server.http.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboards' change stream over real sockets: a viewer whose browser stopped reading (a laptop lid closed on a
 * stalled Wi-Fi link) fills its socket, and no other viewer waits for it.
 */
class DashboardStreamTest {
    /**
     * About 7 MB of these short events: more than a stalled loopback socket takes in on Linux (its send buffer grows
     * to 4 MB at most; the code before held the reading viewer after 54,685 of them, about 2 MB).
     */
    private static final int SIGNALS = 200_000;
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void aViewerWhoStoppedReadingDoesNotHoldAnotherViewersChanges() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            Browserless olga = Browserless.signIn(f.server.baseUrl(), "olga", "organizer-password");
            String path = "/console/events/" + f.event.id() + "/dashboard/stream";
            DashboardChannel channel = f.server.dashboards();
            try (Socket stalled = open(f.server.port(), path, olga.cookie(), 1024);
                 Socket live = open(f.server.port(), path, olga.cookie(), 1 << 16)) {
                Awaitility.await().atMost(PATIENCE).until(() -> channel.clients() == 2);
                BufferedReader lines = new BufferedReader(new InputStreamReader(live.getInputStream(),
                        StandardCharsets.UTF_8));
                live.setSoTimeout((int) PATIENCE.toMillis());
                for (long seq = 1; seq <= SIGNALS; seq++) {
                    channel.changesCommitted(f.event.id(), seq);
                    assertThat(awaitChanged(lines, seq)).as("signal %d reached the reading viewer", seq).isTrue();
                }
            }
        }
    }

    @Test
    void aViewerIsToldTheFeedPositionFirstThenEachChangeAndALookAgainForARevokedDoor() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            Browserless olga = Browserless.signIn(f.server.baseUrl(), "olga", "organizer-password");
            String path = "/console/events/" + f.event.id() + "/dashboard/stream";
            DashboardChannel channel = f.server.dashboards();
            try (Socket viewer = open(f.server.port(), path, olga.cookie(), 1 << 16)) {
                Watching watching = watching(viewer, channel);
                BufferedReader lines = watching.lines();
                assertThat(watching.headers()).containsIgnoringCase("content-type: text/event-stream")
                        .containsIgnoringCase("cache-control: no-cache");
                assertThat(watching.ready()).isEqualTo("ready " + f.server.feedReader().lastSeq(f.event.id()));

                channel.changesCommitted(f.event.id(), 41);
                assertThat(nextEvent(lines)).isEqualTo("changed 41");
                channel.deviceRevoked(java.util.UUID.randomUUID());
                assertThat(nextEvent(lines)).isEqualTo("changed 0");
            }
            Awaitility.await().atMost(PATIENCE).until(() -> {
                channel.changesCommitted(f.event.id(), 42);
                return channel.clients() == 0;
            });
        }
    }

    /**
     * The stream was checked once, when it opened: signed out, disabled or taken off the event, a viewer kept hearing
     * each change. Its streams end with the user's sessions (the browser asks again and is checked). Found by a review.
     */
    @Test
    void aViewersStreamEndsWhenTheUsersSessionsEnd() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            Browserless olga = Browserless.signIn(f.server.baseUrl(), "olga", "organizer-password");
            String path = "/console/events/" + f.event.id() + "/dashboard/stream";
            DashboardChannel channel = f.server.dashboards();
            try (Socket viewer = open(f.server.port(), path, olga.cookie(), 1 << 16)) {
                watching(viewer, channel);

                f.server.admin().resetPassword("olga", "a-new-password");

                Awaitility.await().atMost(PATIENCE).until(() -> channel.clients() == 0);
            }
        }
    }

    /** A browser's request for the stream on a socket whose receive buffer is {@code receiveBuffer} bytes. */
    private static Socket open(int port, String path, String cookie, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) PATIENCE.toMillis());
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: text/event-stream\r\n"
                + "Cookie: " + cookie + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private record Watching(BufferedReader lines, String headers, String ready) {
    }

    /** The viewer's answer read to its first event (200, its headers, "ready"), once the channel counts it. */
    private static Watching watching(Socket viewer, DashboardChannel channel) throws IOException {
        viewer.setSoTimeout((int) PATIENCE.toMillis());
        BufferedReader lines = new BufferedReader(new InputStreamReader(viewer.getInputStream(),
                StandardCharsets.UTF_8));
        assertThat(lines.readLine()).isEqualTo("HTTP/1.1 200 OK");
        String headers = readHeaders(lines);
        String ready = nextEvent(lines);
        Awaitility.await().atMost(PATIENCE).until(() -> channel.clients() == 1);
        return new Watching(lines, headers, ready);
    }

    private static String readHeaders(BufferedReader lines) throws IOException {
        StringBuilder headers = new StringBuilder();
        for (String line = lines.readLine(); line != null && !line.isEmpty(); line = lines.readLine()) {
            headers.append(line).append('\n');
        }
        return headers.toString();
    }

    /** The next event as "name data" (chunk sizes, if the body is chunked, are skipped). */
    private static String nextEvent(BufferedReader lines) throws IOException {
        String name = null;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("event: ")) {
                name = line.substring("event: ".length());
            } else if (line.startsWith("data: ") && name != null) {
                return name + " " + line.substring("data: ".length());
            }
        }
        throw new IOException("the stream ended");
    }

    /** True once a "changed" event at {@code seq} or later arrived; false if none came within the socket's time-out. */
    private static boolean awaitChanged(BufferedReader lines, long seq) throws IOException {
        try {
            while (true) {
                String event = nextEvent(lines);
                if (event.startsWith("changed ") && Long.parseLong(event.substring("changed ".length())) >= seq) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
