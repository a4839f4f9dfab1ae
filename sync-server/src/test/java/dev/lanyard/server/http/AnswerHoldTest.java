package dev.lanyard.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lanyard.server.auth.Principal;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A servlet writing with blocking writes, as Javalin's routes do, behind {@link AnswerHold} on a real Jetty: whether
 * its thread waits for the client, and whether the client gets every byte either way.
 */
class AnswerHoldTest {
    private static final int PAGE = 2 << 20;

    private Server server;
    private BodyBudget budget;
    private BodyBudget spills = new BodyBudget(64 << 20);
    private BodyBudget openSpills = new BodyBudget(AppFactory.OPEN_SPILLS);
    @TempDir
    Path spillDir;
    private final CountDownLatch returned = new CountDownLatch(1);

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void anAnswerReachesAClientThatReadsAfterTheAppHasLetGoOfIt() throws Exception {
        start(4 << 20, 64 << 20, PAGE);
        try (Socket client = ask()) {
            assertThat(returned.await(10, TimeUnit.SECONDS)).as("the app returned before a byte was read").isTrue();

            assertThat(body(client)).isEqualTo(pattern(PAGE));
        }
    }

    @Test
    void anAnswerLongerThanTheBoundReachesAClientThatReadsAfterTheAppHasLetGoOfIt() throws Exception {
        start(64 << 10, 64 << 20, PAGE);
        try (Socket client = ask()) {
            assertThat(returned.await(10, TimeUnit.SECONDS)).as("the app returned before a byte was read").isTrue();
            assertThat(spills.held()).as("the part past the bound, on disk").isPositive();

            assertThat(body(client)).isEqualTo(pattern(PAGE));
        }
        assertThat(heldAfter(budget, 5_000)).isZero();
        assertThat(heldAfter(spills, 5_000)).isZero();
    }

    @Test
    void aSpilledAnswerLeavesNoFileByName() throws Exception {
        assumeTrue(File.separatorChar == '/', "a file opened to be deleted on close is unlinked at once on Unix only");
        start(64 << 10, 64 << 20, PAGE);
        try (Socket client = ask()) {
            assertThat(returned.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(spills.held()).isPositive();

            try (Stream<Path> files = Files.list(spillDir)) {
                assertThat(files).as("files a killed server would leave").isEmpty();
            }
            body(client);
        }
    }

    @Test
    void whatASpillHeldIsGivenBackWhenTheClientGoesAway() throws Exception {
        start(64 << 10, 64 << 20, PAGE);
        Socket client = ask();
        assertThat(returned.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(spills.held()).as("what has not gone yet").isPositive();
        client.setSoLinger(true, 0);
        client.close();

        assertThat(heldAfter(spills, 5_000)).isZero();
        assertThat(heldAfter(budget, 5_000)).isZero();
        assertThat(openSpillsAfter(5_000)).isZero();
    }

    @Test
    void anAskPastItsSpillBudgetIsCutOffWithoutWaitingForTheClient() throws Exception {
        spills = new BodyBudget(256 << 10);
        start(64 << 10, 64 << 20, PAGE);
        try (Socket client = ask()) {
            assertThat(returned.await(10, TimeUnit.SECONDS)).as("the app returned before a byte was read").isTrue();

            RawAnswer answer = RawAnswer.read(client);
            assertThat(answer.status()).isEqualTo("200");
            assertThat(answer.whole()).as("arrived whole").isFalse();
        }
        assertThat(heldAfter(spills, 5_000)).isZero();
    }

    @Test
    void anAskPastTheSpillsThatMayBeOpenIsCutOffAndTheOpenOneStillArrives() throws Exception {
        openSpills = new BodyBudget(1);
        start(64 << 10, 64 << 20, PAGE);
        try (Socket first = ask()) {
            assertThat(returned.await(10, TimeUnit.SECONDS)).isTrue();
            try (Socket second = ask()) {
                RawAnswer answer = RawAnswer.read(second);
                assertThat(answer.status()).isEqualTo("200");
                assertThat(answer.whole()).as("arrived whole").isFalse();
            }
            assertThat(body(first)).isEqualTo(pattern(PAGE));
        }
        assertThat(openSpillsAfter(5_000)).isZero();
        assertThat(heldAfter(openSpills, 5_000)).as("open spill slots").isZero();
    }

    @Test
    void aChangePastItsSpillBudgetReachesTheClientWhole() throws Exception {
        spills = new BodyBudget(256 << 10);
        start(64 << 10, 64 << 20, PAGE);
        try (Socket client = ask("POST", "/answer")) {
            assertThat(body(client)).isEqualTo(pattern(PAGE));
        }
        assertThat(heldAfter(spills, 5_000)).isZero();
        assertThat(heldAfter(budget, 5_000)).isZero();
        assertThat(openSpillsAfter(5_000)).as("spill files still open").isZero();
    }

    @Test
    void aSpillHoldsItsBudgetForWhatItKeepsOnDiskUntilItsAnswerEnds() throws Exception {
        start(64 << 10, 64 << 20, PAGE);
        try (Socket client = ask()) {
            assertThat(returned.await(10, TimeUnit.SECONDS)).isTrue();
            long whole = spills.held();
            InputStream in = client.getInputStream();
            in.readNBytes(PAGE / 2); // half the answer read: what was sent of the spill is still on disk

            assertThat(spills.held()).isEqualTo(whole);
        }
        assertThat(heldAfter(spills, 5_000)).isZero();
    }

    @Test
    void aSpillIsClosedOnceItsAnswerHasGone() throws Exception {
        start(64 << 10, 64 << 20, PAGE);
        try (Socket client = ask()) {
            assertThat(returned.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(openSpills()).isEqualTo(1);
            body(client);
        }
        assertThat(openSpillsAfter(5_000)).isZero();
    }

    @Test
    void anAnswerTheDiskRefusesReachesTheClientWhole() throws Exception {
        spillDir = Files.writeString(spillDir.resolve("a-file-not-a-folder"), "");
        start(64 << 10, 64 << 20, PAGE);
        try (Socket client = ask()) {
            assertThat(body(client)).isEqualTo(pattern(PAGE));
        }
        assertThat(heldAfter(spills, 5_000)).isZero();
        assertThat(heldAfter(budget, 5_000)).isZero();
    }

    @Test
    void anAskTheBudgetCannotTakeIsAnsweredBusyWithoutWaitingForTheClient() throws Exception {
        start(4 << 20, 1 << 10, PAGE); // less than the first write
        try (Socket client = ask()) {
            assertThat(returned.await(10, TimeUnit.SECONDS)).as("the app returned before a byte was read").isTrue();

            RawAnswer answer = RawAnswer.read(client);
            assertThat(answer.status()).isEqualTo("429");
            assertThat(answer.head()).contains("Retry-After: 2");
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("\"error\":\"busy\"");
        }
        assertThat(heldAfter(budget, 5_000)).isZero();
    }

    @Test
    void anAskThatOutgrowsTheBudgetWhileTheClientReadsNothingIsCutOffWithoutWaitingForTheClient() throws Exception {
        start(4 << 20, 256 << 10, PAGE);
        try (Socket client = ask()) {
            assertThat(returned.await(10, TimeUnit.SECONDS)).as("the app returned before a byte was read").isTrue();

            RawAnswer answer = RawAnswer.read(client);
            assertThat(answer.status()).isEqualTo("200");
            assertThat(answer.whole()).as("arrived whole").isFalse();
        }
        assertThat(heldAfter(budget, 5_000)).isZero();
    }

    @Test
    void aChangeTheBudgetCannotTakeReachesAClientThatReadsAfterTheAppHasLetGoOfIt() throws Exception {
        start(4 << 20, 100 << 10, PAGE);
        try (Socket client = ask("POST", "/answer")) {
            assertThat(returned.await(10, TimeUnit.SECONDS)).as("the app returned before a byte was read").isTrue();

            assertThat(body(client)).isEqualTo(pattern(PAGE));
        }
        assertThat(heldAfter(budget, 5_000)).isZero();
        assertThat(heldAfter(spills, 5_000)).isZero();
    }

    @Test
    void whatAnAnswerHeldIsGivenBackOnceWritten() throws Exception {
        start(4 << 20, 64 << 20, PAGE);
        try (Socket client = ask()) {
            body(client);
        }
        assertThat(heldAfter(budget, 5_000)).isZero();
    }

    @Test
    void whatAnAnswerHeldIsGivenBackWhenTheClientGoesAway() throws Exception {
        start(4 << 20, 64 << 20, PAGE);
        Socket client = ask();
        assertThat(returned.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(budget.held()).as("what has not gone yet").isPositive();
        client.setSoLinger(true, 0); // a reset: the client is gone, with the answer unread
        client.close();

        assertThat(heldAfter(budget, 5_000)).isZero();
    }

    @Test
    void anAnswerWithoutContentEnds() throws Exception {
        start(4 << 20, 64 << 20, 0);
        try (Socket client = ask()) {
            assertThat(body(client)).isEmpty();
        }
        assertThat(heldAfter(budget, 5_000)).isZero();
    }

    @Test
    void serverSentEventsLeaveAsTheyAreFlushed() throws Exception {
        CountDownLatch clientSawFirst = new CountDownLatch(1);
        boolean[] seenInTime = new boolean[1];
        start(4 << 20, 64 << 20, new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("text/event-stream");
                resp.getOutputStream().write("event: ready\ndata: 1\n\n".getBytes(StandardCharsets.UTF_8));
                resp.flushBuffer();
                try {
                    seenInTime[0] = clientSawFirst.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                returned.countDown();
            }
        });
        try (Socket client = ask()) {
            String first = RawAnswer.headOf(client.getInputStream()); // the headers, then the first event's line
            assertThat(first).contains("text/event-stream");
            clientSawFirst.countDown();
            assertThat(returned.await(15, TimeUnit.SECONDS)).isTrue();
            assertThat(seenInTime[0]).as("the client saw the first event while the app still wrote").isTrue();
        }
    }

    @Test
    void anAskPastItsHoldersShareIsNotWrittenOnItsThreadAndOthersAreStillHeld() throws Exception {
        Map<String, CountDownLatch> returnedFor = new ConcurrentHashMap<>();
        budget = new BodyBudget(64 << 20, 3 << 20);
        start(4 << 20, budget, new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                String who = req.getParameter("who");
                // as BearerAuth keeps the principal a route has checked
                req.setAttribute(BearerAuth.ATTRIBUTE, new Principal.Device(UUID.nameUUIDFromBytes(
                        who.substring(0, 1).getBytes(StandardCharsets.UTF_8)), who, Set.of()));
                resp.getOutputStream().write(pattern(PAGE));
                returnedFor.get(who).countDown();
            }
        });
        List.of("a1", "a2", "b1").forEach(who -> returnedFor.put(who, new CountDownLatch(1)));
        try (Socket a1 = ask("/answer?who=a1")) {
            assertThat(returnedFor.get("a1").await(10, TimeUnit.SECONDS)).as("a's first answer held").isTrue();
            try (Socket a2 = ask("/answer?who=a2"); Socket b1 = ask("/answer?who=b1")) {
                assertThat(returnedFor.get("b1").await(10, TimeUnit.SECONDS)).as("b's answer held").isTrue();
                assertThat(returnedFor.get("a2").await(10, TimeUnit.SECONDS)).as("a's second let go").isTrue();

                RawAnswer second = RawAnswer.read(a2);
                // busy, or cut off once a's share was spent
                assertThat(second.status().equals("429") || !second.whole()).as(second.head()).isTrue();
                assertThat(body(b1)).isEqualTo(pattern(PAGE));
            }
            assertThat(body(a1)).isEqualTo(pattern(PAGE));
        }
        assertThat(heldAfter(budget, 5_000)).isZero();
    }

    private void start(long bound, long budgetBytes, int answerBytes) throws Exception {
        start(bound, budgetBytes, new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                doGet(req, resp);
            }

            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("application/octet-stream");
                OutputStream out = resp.getOutputStream();
                byte[] all = pattern(answerBytes);
                for (int at = 0; at < all.length; at += 8_192) {
                    out.write(all, at, Math.min(8_192, all.length - at));
                }
                returned.countDown();
            }
        });
    }

    private void start(long bound, long budgetBytes, HttpServlet servlet) throws Exception {
        start(bound, new BodyBudget(budgetBytes), servlet);
    }

    private void start(long bound, BodyBudget answers, HttpServlet servlet) throws Exception {
        budget = answers;
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        // what a slow Wi-Fi link leaves a socket; over loopback's 64 kB segments the kernel buffers megabytes
        connector.setAcceptedSendBufferSize(64 << 10);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(servlet), "/answer");
        AnswerHold hold = new AnswerHold(bound, answers, new AnswerHold.Spills(spillDir, spills, openSpills,
                AnswerHold.spillIo(AppFactory.OPEN_SPILLS)));
        hold.setHandler(context);
        server.setHandler(hold);
        server.start();
    }

    /** Asks for the answer and reads nothing yet; the small receive buffer leaves the answer mostly unsent. */
    private Socket ask() throws IOException {
        return ask("/answer");
    }

    private Socket ask(String path) throws IOException {
        return ask("GET", path);
    }

    private Socket ask(String method, String path) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4_096);
        socket.connect(new InetSocketAddress("127.0.0.1", ((ServerConnector) server.getConnectors()[0])
                .getLocalPort()), 5_000);
        socket.setSoTimeout(20_000);
        OutputStream out = socket.getOutputStream();
        out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n"
                + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }


    /** The spill files this process holds open: they have no name, so they are counted by their descriptors. */
    private long openSpills() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "counting open files needs Linux's /proc");
        long open = 0;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).toString().startsWith(spillDir.toString())) {
                        open++;
                    }
                } catch (IOException closedMeanwhile) {
                    // the listing's own descriptor, or one closed since
                }
            }
        }
        return open;
    }

    private long openSpillsAfter(long ms) throws Exception {
        long until = System.currentTimeMillis() + ms;
        while (openSpills() != 0 && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        return openSpills();
    }

    /** What {@code what} still holds once it holds nothing or {@code ms} have passed. */
    private static long heldAfter(BodyBudget what, long ms) throws InterruptedException {
        long until = System.currentTimeMillis() + ms;
        while (what.held() != 0 && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        return what.held();
    }


    /** The answer's body, which must have arrived whole. */
    private static byte[] body(Socket client) throws IOException {
        RawAnswer answer = RawAnswer.read(client);
        assertThat(answer.whole()).as("arrived whole: %s", answer.head()).isTrue();
        return answer.body();
    }

    private static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + i / 7);
        }
        return bytes;
    }
}
