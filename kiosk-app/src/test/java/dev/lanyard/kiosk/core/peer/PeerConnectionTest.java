package dev.lanyard.kiosk.core.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A peer connection over real TLS sockets whose far side finished its handshake and then never reads (its TCP window
 * stays at zero): nothing that ends the connection waits for the writer blocked on it (ADR 0351). The node calls
 * {@code send} and {@code close} on its one thread, so a wait here would stop the door's peer traffic for every peer.
 */
class PeerConnectionTest {
    /** A page of the size a door sends: 90 items of 10 kB, far more than the far side's small window takes. */
    static final PeerMessage PAGE = page();
    Socket farSide;
    /** Held: an unreachable TLS socket closes its connection when it is finalized. */
    SSLSocket farTls;
    PeerConnection connection;
    final CountDownLatch ended = new CountDownLatch(1);
    /** The node's one thread, as PeerNode has it: its queue is where unbounded frames would wait. */
    final ThreadPoolExecutor node = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    final AtomicInteger handled = new AtomicInteger();
    /** The vectors of the wants handled, in order. */
    final List<Map<String, Long>> wantsHandled = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The node's permits for all its connections' frames; set below what one connection may hold in some tests. */
    Semaphore nodeWide = new Semaphore(PeerConnection.IN_FLIGHT * 32);

    @BeforeEach
    void connectToAPeerThatDoesNotRead() throws Exception {
        SSLContext listening = context("a");
        SSLContext dialling = context("b");
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // what PeerNode does: TLS layered over the TCP sockets on both sides
            Socket near = new Socket();
            near.setReceiveBufferSize(4_096);
            near.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()));
            farSide = near;
            Socket tcp = listener.accept();
            CompletableFuture<SSLSocket> far = CompletableFuture.supplyAsync(() -> handshake(dialling, near, true));
            SSLSocket tls = handshake(listening, tcp, false);
            farTls = far.get(10, TimeUnit.SECONDS); // and from here on the far side reads nothing
            connection = new PeerConnection(tcp, tls, "door-b", "Door B", "sha", Clock.systemUTC(),
                    Duration.ofSeconds(10));
            connection.start(node, nodeWide, (c, m) -> {
                handled.incrementAndGet();
                if (PeerMessage.WANT.equals(m.type())) {
                    wantsHandled.add(m.vector());
                }
            }, c -> ended.countDown());
        }
    }

    @AfterEach
    void closeFarSide() throws IOException {
        farSide.close();
        connection.close();
        node.shutdownNow();
    }

    @Test
    void framesFromAPeerFasterThanTheNodeWaitInTheConnectionNotInTheNodesQueue() throws Exception {
        CountDownLatch busy = keepTheNodeBusy();

        sendPages(200);

        // 200 waited there before: every frame the peer sent, parsed, for as long as the node was busy
        assertThat(queueSettlesAt(PeerConnection.IN_FLIGHT)).isTrue();
        busy.countDown();
        assertThat(everyFrameHandled(200)).as("every frame handled once the node is free").isTrue();
    }

    @Test
    void framesWaitForTheNodesPermitsForAllItsConnections() throws Exception {
        nodeWide.acquire(nodeWide.availablePermits() - 2); // the other connections hold the rest
        CountDownLatch busy = keepTheNodeBusy();

        sendPages(50);

        assertThat(queueSettlesAt(2)).isTrue();
        busy.countDown();
        assertThat(everyFrameHandled(50)).isTrue();
    }

    /** A door revoked while its frames waited for the node: none of them is handled after it was dropped. */
    @Test
    void framesOfADoorDroppedAsNoLongerTrustedAreNotHandled() throws Exception {
        CountDownLatch busy = keepTheNodeBusy();
        sendPages(50);
        assertThat(queueSettlesAt(PeerConnection.IN_FLIGHT)).isTrue();

        connection.distrust();
        busy.countDown();

        assertThat(awaitIdle()).isTrue();
        assertThat(handled.get()).isZero();
    }

    /**
     * Each want costs a page of up to 500 items read and opened from the log, and nothing bounded how often a peer
     * asked: wants sent as fast as a peer can write each got its answer. A want still waiting is replaced by a later
     * one (what the peer holds now), so a peer asking again and again costs one answer per turn of the node. Found by a
     * review.
     */
    @Test
    void wantsSentFasterThanTheNodeAnswersAreAnsweredForTheLatestOnly() throws Exception {
        CountDownLatch busy = keepTheNodeBusy();
        UUID event = UUID.randomUUID();
        StringBuilder frames = new StringBuilder();
        for (int i = 1; i <= 200; i++) {
            frames.append(Json.write(PeerMessage.want(event, VersionVector.of(Map.of("door-a", (long) i)))))
                    .append('\n');
        }
        // a page after them: once it waits too, every want before it was read
        frames.append(Json.write(PeerMessage.items(event, List.of(), true, false))).append('\n');
        CompletableFuture.runAsync(() -> {
            try {
                farTls.getOutputStream().write(frames.toString().getBytes(StandardCharsets.UTF_8));
                farTls.getOutputStream().flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(10, TimeUnit.SECONDS);
        assertThat(within10s(() -> node.getQueue().size() == 2)).as("the wants' one task and the page's").isTrue();

        busy.countDown();

        assertThat(awaitIdle()).isTrue();
        assertThat(wantsHandled).containsExactly(Map.of("door-a", 200L));
    }

    /**
     * A want naming more origins than any peer may was parsed and queued for the node whole, up to four per
     * connection; its count was checked only when the node got to it (some 40 MB each at the frame limit). Found by a
     * review.
     */
    @Test
    void aFrameBeyondThePeerProtocolsBoundsEndsTheConnectionUnqueued() throws Exception {
        CountDownLatch busy = keepTheNodeBusy();
        Map<String, Long> origins = new HashMap<>();
        for (int i = 0; i <= VersionVector.MAX_ORIGINS; i++) {
            origins.put("door-" + i, 1L);
        }

        sendFrame(new PeerMessage(PeerMessage.WANT, UUID.randomUUID(), origins, null, null, null, null));

        assertEndedWithNothingHandled(busy);
    }

    @Test
    void aPageOfMoreItemsThanAnyDoorSendsEndsTheConnectionUnqueued() throws Exception {
        CountDownLatch busy = keepTheNodeBusy();
        List<PeerItem> items = new ArrayList<>();
        for (int i = 1; i <= PeerNode.PAGE_ITEMS + 1; i++) {
            items.add(new PeerItem("door-a", i, PeerItem.Kind.OP, UUID.randomUUID(), "{}"));
        }

        sendFrame(PeerMessage.items(UUID.randomUUID(), items, false, false));

        assertEndedWithNothingHandled(busy);
    }

    /** An item padded far past any record the server keeps was stored and passed on by every door. */
    @Test
    void anItemLongerThanAnyRecordEndsTheConnectionUnqueued() throws Exception {
        CountDownLatch busy = keepTheNodeBusy();
        PeerItem padded = new PeerItem("door-a", 1, PeerItem.Kind.OP, UUID.randomUUID(),
                "{\"pad\":\"" + "x".repeat(PeerItem.MAX_BODY_CHARS) + "\"}");

        sendFrame(PeerMessage.items(UUID.randomUUID(), List.of(padded), false, false));

        assertEndedWithNothingHandled(busy);
    }

    /** Writes one frame from the far side without waiting for it to be read (the near side may end before it is). */
    private void sendFrame(PeerMessage message) {
        byte[] frame = (Json.write(message) + "\n").getBytes(StandardCharsets.UTF_8);
        CompletableFuture.runAsync(() -> {
            try {
                farTls.getOutputStream().write(frame);
                farTls.getOutputStream().flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** The connection ended on the frame itself: nothing was queued for the node, nor handled once it was free. */
    private void assertEndedWithNothingHandled(CountDownLatch busy) throws InterruptedException {
        assertThat(ended.await(10, TimeUnit.SECONDS)).as("the connection ended").isTrue();
        assertThat(node.getQueue()).isEmpty();
        busy.countDown();
        assertThat(awaitIdle()).isTrue();
        assertThat(handled.get()).isZero();
    }

    private boolean awaitIdle() throws InterruptedException {
        return within10s(() -> node.getQueue().isEmpty() && node.getActiveCount() == 0);
    }

    /** Waits up to ten seconds for {@code done}; whether it came. */
    private static boolean within10s(BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return done.getAsBoolean();
    }

    private CountDownLatch keepTheNodeBusy() {
        CountDownLatch busy = new CountDownLatch(1);
        node.execute(() -> {
            try {
                busy.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return busy;
    }

    /** {@code n} pages of no items from the far side, as fast as it can write. */
    private void sendPages(int n) throws Exception {
        byte[] page = (Json.write(PeerMessage.items(UUID.randomUUID(), List.of(), true, false)) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    farTls.getOutputStream().write(page);
                }
                farTls.getOutputStream().flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(10, TimeUnit.SECONDS);
    }

    /** True when the node's queue reaches {@code size} and, half a second later, still holds exactly that. */
    private boolean queueSettlesAt(int size) throws InterruptedException {
        within10s(() -> node.getQueue().size() >= size);
        Thread.sleep(500);
        return node.getQueue().size() == size;
    }

    private boolean everyFrameHandled(int n) throws InterruptedException {
        within10s(() -> handled.get() >= n);
        return handled.get() == n;
    }

    @Test
    void sendingToAPeerThatStoppedReadingReturnsAndDropsIt() throws Exception {
        CompletableFuture<Integer> sender = CompletableFuture.supplyAsync(() -> {
            int sent = 0;
            while (connection.open() && sent < 1_000) {
                connection.send(PAGE); // what the node thread does for each want of that peer
                sent++;
            }
            return sent;
        });

        // frames queue up to the byte bound, a few fill the socket buffers, the next one finds the queue full
        assertThat(sender.get(10, TimeUnit.SECONDS)).isLessThan(1_000);
        assertThat(connection.open()).isFalse();
    }

    /**
     * The queue was bounded in frames only: a peer that asks and never reads held 64 pages of a megabyte or more each,
     * per connection, before it was dropped (the node keeps 32 connections).
     */
    @Test
    void aPeerThatStoppedReadingIsDroppedLongBeforeSixtyFourPagesWaitForIt() {
        int sent = 0;
        while (connection.open() && sent < PeerConnection.QUEUE) {
            connection.send(PAGE);
            sent++;
        }

        assertThat(connection.open()).isFalse();
        assertThat(sent).isLessThan(PeerConnection.QUEUE / 2);
    }

    @Test
    void closingWhileTheWriterIsBlockedOnThePeerReturnsAtOnce() throws Exception {
        blockTheWriter();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(connection::close);

        closing.get(2, TimeUnit.SECONDS);
    }

    @Test
    void aConnectionWhoseGoodbyeCannotGoOutIsCutAfterTheGrace() throws Exception {
        blockTheWriter();

        CompletableFuture.runAsync(connection::close);

        // the reader and the writer fail out of their calls once the TCP socket is cut
        assertThat(ended.await(PeerConnection.GOODBYE.toSeconds() + 5, TimeUnit.SECONDS)).isTrue();
    }

    /**
     * Frames enough to fill both sides' socket buffers (up to 4 MB on loopback), not the queue's bytes: the writer then
     * waits on the peer.
     */
    private void blockTheWriter() throws InterruptedException {
        for (int i = 0; i < 8; i++) {
            connection.send(PAGE);
        }
        assertThat(within10s(PeerConnectionTest::writerIsBlocked)).as("the writer blocked writing to the peer")
                .isTrue();
    }

    private static boolean writerIsBlocked() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().equals("lanyard-peer-out-door-b"))
                .anyMatch(e -> e.getKey().getState() == Thread.State.RUNNABLE && java.util.Arrays
                        .stream(e.getValue()).anyMatch(frame -> frame.getMethodName().equals("write")));
    }

    private static PeerMessage page() {
        List<PeerItem> items = new ArrayList<>();
        String body = "x".repeat(10_000);
        for (int i = 1; i <= 90; i++) {
            items.add(new PeerItem("door-a", i, PeerItem.Kind.OP, UUID.randomUUID(), body));
        }
        return PeerMessage.items(UUID.randomUUID(), items, false, true);
    }

    private static SSLSocket handshake(SSLContext context, Socket tcp, boolean client) {
        try {
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(tcp,
                    tcp.getInetAddress().getHostAddress(), tcp.getPort(), true);
            tls.setUseClientMode(client);
            tls.setNeedClientAuth(!client);
            tls.setSoTimeout(10_000);
            tls.startHandshake();
            tls.setSoTimeout(0);
            return tls;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A door's key, trusting any peer: what is under test is the connection, not the trust. */
    private static SSLContext context(String deviceId) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLSv1.3");
        tls.init(PeerCredentials.generate(deviceId).keyManagers(), new TrustManager[] {new X509TrustManager() {
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
        }}, new SecureRandom());
        return tls;
    }
}
