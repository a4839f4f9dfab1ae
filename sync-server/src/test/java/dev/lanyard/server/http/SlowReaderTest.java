package dev.lanyard.server.http;

import static dev.lanyard.server.support.Fixture.DAY1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.Ids;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.ChangesPage;
import dev.lanyard.model.protocol.ServerTime;
import dev.lanyard.server.feed.FeedReader;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.support.LargeFeed;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kiosks bootstrapping over bad Wi-Fi read the feed slowly or not at all; a door pushing a
 * check-in meanwhile must still get its answer at once.
 */
class SlowReaderTest {
    private static final int PARTICIPANTS = 15_000;
    private static final int READERS = 20;

    @TempDir
    static Path dir;
    private static Fixture f;

    @BeforeAll
    static void largeFeed() {
        f = new Fixture(Backend.H2, dir);
        LargeFeed.addParticipants(f, PARTICIPANTS);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void aLargeAskIsAnsweredInBoundedPagesThatPageOnToTheEnd() {
        long head = f.server.feedReader().lastSeq(f.event.id());
        List<Long> seqs = new ArrayList<>();
        long after = 0;
        int pages = 0;
        boolean more = true;
        while (more) {
            Api.Res res = f.operator.get(f.eventPath() + "/changes?after=" + after + "&limit=100000");
            assertThat(res.status()).isEqualTo(200);
            assertThat(res.body().getBytes(StandardCharsets.UTF_8).length)
                    .isLessThan(FeedReader.MAX_PAGE_BYTES + 128 * 1024);
            ChangesPage page = res.as(ChangesPage.class);
            page.changes().forEach(c -> seqs.add(c.seq()));
            assertThat(page.headSeq()).isEqualTo(head);
            after = page.lastSeq();
            more = page.hasMore();
            pages++;
        }
        assertThat(pages).isGreaterThan(1);
        assertThat(seqs).hasSize((int) head).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aPushIsAnsweredPromptlyWhileTwentyReadersStallOnALargeFeed() throws Exception {
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        List<Socket> readers = new ArrayList<>();
        try {
            String token = f.server.admin().tokenFor("oscar");
            for (int i = 0; i < READERS; i++) {
                Socket reader = openChanges(f.server.port(), f.eventPath(), token);
                readers.add(reader);
                if (i % 2 == 0) {
                    // a kiosk on bad Wi-Fi: about 1 KB a second
                    trickle.scheduleAtFixedRate(() -> readQuietly(reader, 1_024), 1, 1, TimeUnit.SECONDS);
                }
            }

            long start = System.nanoTime();
            var op = Fixture.checkIn(Ids.newId(), DAY1, Set.of(), new Hlc(1_000, 0, "door-1"));
            int status = f.operator.post(f.eventPath() + "/ops", PushRequest.ofOps(null, List.of(op))).status();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(status).isEqualTo(200);
            assertThat(took).isLessThan(Duration.ofSeconds(5));
        } finally {
            trickle.shutdownNow();
            for (Socket reader : readers) {
                reader.close();
            }
        }
    }

    /** Five doors, each with 44 pages asked for and unread: every page is held and reaches its door. */
    @Test
    void moreStalledReadersThanHttpThreadsLeaveTheServerAnswering() throws Exception {
        List<String> doors = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            doors.add(f.pairDevice().api().token());
        }
        List<Socket> readers = new ArrayList<>();
        try {
            long ms = msToAnswerBeside(readers, AppFactory.HTTP_THREADS + 20, i -> doors.get(i % doors.size()));

            // the idle timeout (30 s) is what freed a thread writing to a reader that reads nothing
            assertThat(ms).as("ms to answer beside %d stalled readers", readers.size()).isLessThan(10_000);
            long head = f.server.feedReader().lastSeq(f.event.id());
            for (Socket reader : readers) {
                RawAnswer answer = RawAnswer.read(reader);
                assertThat(answer.status()).isEqualTo("200");
                assertThat(page(answer).changes()).as("a reader's page, read last").isNotEmpty()
                        .allMatch(c -> c.seq() <= head);
            }
        } finally {
            close(readers);
        }
    }

    /** One client asking for more pages than it may have held, and reading none: the rest are answered busy. */
    @Test
    void aClientAskingForMorePagesThanItsShareReadingNoneIsToldBusyAndLeavesTheServerAnswering()
            throws Exception {
        String token = f.server.admin().tokenFor("oscar");
        List<Socket> readers = new ArrayList<>();
        try {
            // enough that those past its share of held answers would take every thread if they were written on one
            long ms = msToAnswerBeside(readers, AppFactory.HTTP_THREADS + 80, i -> token);

            assertThat(ms).as("ms to answer beside %d stalled readers", readers.size()).isLessThan(10_000);
            int pages = 0;
            int notWhole = 0;
            for (Socket reader : readers) {
                RawAnswer answer = RawAnswer.read(reader);
                if (answer.status().equals("429")) {
                    assertThat(answer.head()).contains("Retry-After: 2").contains(ServerTime.HEADER);
                    assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("\"error\":\"busy\"");
                    notWhole++;
                } else if (!answer.whole()) {
                    notWhole++; // cut off once the client's share was spent: it asks again
                } else {
                    assertThat(page(answer).changes()).isNotEmpty();
                    pages++;
                }
            }
            assertThat(pages).as("pages within the client's share").isPositive();
            assertThat(notWhole).as("asks past it, busy or cut off").isPositive();
        } finally {
            close(readers);
        }
    }

    /** A guest list longer than a feed page, to a client that reads none of it: its route returns all the same. */
    @Test
    void anExportPastTheAnswerBoundLetsGoOfItsThreadWhileItsClientReadsNothing() throws Exception {
        ServerConnector connector = (ServerConnector) f.server.javalin().jettyServer().server().getConnectors()[0];
        connector.setAcceptedSendBufferSize(64 << 10);
        try (Socket reader = ask(f.server.port(), f.eventPath() + "/exports/participants.csv",
                f.organizer.token(), "")) {
            long until = System.currentTimeMillis() + 10_000;
            while (!f.server.metrics().scrape().contains("exports/participants.csv\"")
                    && System.currentTimeMillis() < until) {
                Thread.sleep(50);
            }
            // counted when the route returns: before ADR 0245 its thread wrote on until the idle timeout (30 s)
            assertThat(f.server.metrics().scrape()).as("the export's route returned")
                    .contains("route=\"/api/v1/events/{id}/exports/participants.csv\"");

            RawAnswer answer = RawAnswer.read(reader);
            assertThat(answer.status()).isEqualTo("200");
            assertThat(answer.whole()).isTrue();
            assertThat((long) answer.body().length).isGreaterThan(AppFactory.ANSWER_BOUND);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8).lines()).hasSize(PARTICIPANTS + 1);
        } finally {
            connector.setAcceptedSendBufferSize(-1);
        }
    }

    /**
     * How long {@code /health} takes once {@code count} readers have each asked for a gzipped page and read nothing,
     * with the accepted sockets' send buffer as a slow Wi-Fi link leaves it (over loopback's 64 kB segments the kernel
     * buffers megabytes, and no answer would wait).
     */
    private static long msToAnswerBeside(List<Socket> readers, int count,
                                         java.util.function.IntFunction<String> tokenOf) throws Exception {
        ServerConnector connector = (ServerConnector) f.server.javalin().jettyServer().server().getConnectors()[0];
        connector.setAcceptedSendBufferSize(64 << 10);
        try {
            for (int i = 0; i < count; i++) {
                readers.add(askForChanges(f.server.port(), f.eventPath(), tokenOf.apply(i)));
            }
            Thread.sleep(3_000);
            long started = System.nanoTime();
            Api.Res health = f.operator.get("/health");
            assertThat(health.status()).isEqualTo(200);
            return (System.nanoTime() - started) / 1_000_000;
        } finally {
            connector.setAcceptedSendBufferSize(-1);
        }
    }

    private static void close(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    /** The page in a whole gzipped answer to {@link #askForChanges}. */
    private static ChangesPage page(RawAnswer answer) throws IOException {
        assertThat(answer.whole()).as(answer.head()).isTrue();
        assertThat(answer.head()).contains("Content-Encoding: gzip");
        try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(answer.body()))) {
            return Json.read(new String(gzip.readAllBytes(), StandardCharsets.UTF_8), ChangesPage.class);
        }
    }

    /** Asks for the whole feed, gzipped as a kiosk asks for it, and reads nothing yet. */
    private static Socket askForChanges(int port, String eventPath, String token) throws IOException {
        return askForWholeFeed(port, eventPath, token, "Accept-Encoding: gzip\r\n");
    }

    /** Asks for the whole feed in one page, with a receive buffer small enough that the unread answer fills it. */
    private static Socket askForWholeFeed(int port, String eventPath, String token, String headers)
            throws IOException {
        return ask(port, eventPath + "/changes?after=0&limit=100000", token, headers);
    }

    /** Asks for {@code path}, with a receive buffer small enough that the unread answer fills it, and reads nothing. */
    private static Socket ask(int port, String path, String token, String headers) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4_096);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(60_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + token + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /**
     * Asks for the whole feed in one page and returns once the answer has begun (its status line
     * arrived), so the server is known to be writing it. The tiny receive buffer makes the
     * unread answer fill the TCP window quickly.
     */
    private static Socket openChanges(int port, String eventPath, String token) throws IOException {
        Socket socket = askForWholeFeed(port, eventPath, token, "");
        byte[] statusLine = socket.getInputStream().readNBytes(12);
        assertThat(new String(statusLine, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        return socket;
    }

    private static void readQuietly(Socket socket, int bytes) {
        try {
            InputStream in = socket.getInputStream();
            in.readNBytes(Math.min(bytes, Math.max(1, in.available())));
        } catch (IOException closed) {
            // the test is over
        }
    }
}
