package dev.lanyard.kiosk.core.peer;

import dev.lanyard.model.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated TLS connection to a peer door: a reader thread that turns JSON lines into
 * {@link PeerMessage}s for the node, and a writer thread with a bounded queue. A peer that
 * falls more than {@link #QUEUE} frames or {@link #QUEUE_BYTES} behind, or sends a line longer than
 * {@link #MAX_FRAME}, is dropped; the next meeting starts again from its vector, so nothing is lost by it. The
 * socket's read timeout drops a peer that says nothing for the node's silence limit; the writer sends an empty line
 * whenever it has sent nothing for a third of that, so a peer that is merely quiet is never taken for gone (ADR 0347).
 *
 * <p>Closing never waits (ADR 0351): TLS runs over a plain TCP socket this connection holds, and closing that is
 * instant, while closing the TLS socket waits for its record lock, which a writer blocked on a peer that does not
 * read holds for good. The goodbye in TLS is said by the writer thread, the one thread it can hold up.
 */
final class PeerConnection {
    private static final Logger LOG = LoggerFactory.getLogger(PeerConnection.class);
    static final int QUEUE = 64;
    /** Frames read from the peer and not yet handled by the node; the reader waits past this. */
    static final int IN_FLIGHT = 4;
    static final int MAX_FRAME = 4 * 1024 * 1024;
    /**
     * Bytes of frames waiting for the writer: a page is up to a megabyte and more, so 64 of them per connection, of up
     * to 32 connections, were more than the kiosk's heap. Two of the longest frames a peer reads leave an honest door
     * that is slow for a moment a page in flight and a push.
     */
    static final long QUEUE_BYTES = 2L * MAX_FRAME;
    private static final byte[] CLOSE = new byte[0];
    private static final byte[] KEEPALIVE = {'\n'};
    /** How long the writer may take over its goodbye before the TCP connection is cut under it. */
    static final Duration GOODBYE = Duration.ofSeconds(1);
    /** Cuts the connections whose goodbye did not go out in time; each cut is a plain socket's close. */
    private static final ScheduledExecutorService CUTS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lanyard-peer-cut");
        t.setDaemon(true);
        return t;
    });
    /** The TCP connection under {@link #socket}: closing it never waits, whatever the TLS socket's threads do. */
    private final Socket plain;
    private final SSLSocket socket;
    private final String deviceId;
    private final String name;
    private final String keySha256;
    private final Clock clock;
    private final long keepaliveMillis;
    private final BlockingQueue<byte[]> outgoing = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean distrusted;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    /** The latest want not yet handled; a task for it waits on the node while this is set. */
    private final java.util.concurrent.atomic.AtomicReference<PeerMessage> waitingWant =
            new java.util.concurrent.atomic.AtomicReference<>();
    private volatile long lastHeard;
    /** What the peer is known to hold: its last want, merged with what was sent since. Node thread only. */
    VersionVector known = VersionVector.EMPTY;
    /** What this door's last want in a run of pages asked past (PeerReplica#receive). Node thread only. */
    VersionVector askedPast = VersionVector.EMPTY;
    /**
     * Whether its first want arrived: until then {@link #known} says nothing, and the peer does
     * not count as a door nearby (in TLS 1.3 a dialling door finishes its handshake before the
     * listening door has checked its certificate; a refused one is closed right after).
     */
    volatile boolean introduced;
    /** What the peer said it holds in its last want. */
    volatile VersionVector announced = VersionVector.EMPTY;
    /** The static peer address this connection was dialled to, if it was. */
    volatile InetSocketAddress remote;

    /** @param socket TLS layered over {@code plain}, its handshake done */
    PeerConnection(Socket plain, SSLSocket socket, String deviceId, String name, String keySha256, Clock clock,
                   Duration keepalive) {
        this.keepaliveMillis = Math.max(1, keepalive.toMillis());
        this.plain = plain;
        this.socket = socket;
        this.keySha256 = keySha256;
        this.deviceId = deviceId;
        this.name = name;
        this.clock = clock;
        this.lastHeard = clock.millis();
    }

    String deviceId() {
        return deviceId;
    }

    String keySha256() {
        return keySha256;
    }

    String name() {
        return name;
    }

    long lastHeard() {
        return lastHeard;
    }

    boolean open() {
        return !closed.get();
    }

    /**
     * Starts reading and writing. Each frame read is handled on {@code handlers} (the node's one thread); at most
     * {@link #IN_FLIGHT} of this connection's frames, and {@code nodeWide}'s permits of all connections' frames, wait
     * there at a time, after which the reader stops reading until one is handled, so a peer that sends faster than the
     * node handles is held back by TCP, not queued in memory.
     */
    void start(Executor handlers, Semaphore nodeWide, BiConsumer<PeerConnection, PeerMessage> onMessage,
               Consumer<PeerConnection> onClose) {
        Thread reader = new Thread(() -> {
            // not closed here: closing the TLS stream closes the TLS socket, which waits for a blocked writer
            try {
                InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 65_536);
                byte[] line;
                while ((line = readLine(in)) != null && open()) {
                    lastHeard = clock.millis();
                    if (line.length > 0) {
                        PeerMessage message = Json.mapper().readValue(line, PeerMessage.class);
                        String beyond = message.beyondBounds();
                        if (beyond != null) {
                            LOG.warn("peer {} sent {}; dropping the connection", deviceId, beyond);
                            break;
                        }
                        if (!handOver(handlers, nodeWide, message, onMessage)) {
                            break;
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (e instanceof java.net.SocketTimeoutException) {
                    LOG.info("peer {}: silent for longer than the limit; dropping the connection", deviceId);
                } else if (open()) {
                    LOG.info("peer {}: connection ended: {}", deviceId, e.getMessage());
                }
            } finally {
                close();
                onClose.accept(this);
            }
        }, "lanyard-peer-in-" + deviceId);
        reader.setDaemon(true);
        Thread writer = new Thread(this::writeLoop, "lanyard-peer-out-" + deviceId);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    /**
     * False when the connection closed or the node stopped while the frame waited for its turn. A want is answered for
     * what the peer holds now: one still waiting for the node is replaced by a later one, so a peer that asks again and
     * again costs one answer per turn of the node, not one per frame (each answer reads and opens a page of the log).
     */
    private boolean handOver(Executor handlers, Semaphore nodeWide, PeerMessage message,
                             BiConsumer<PeerConnection, PeerMessage> onMessage) throws InterruptedIOException {
        boolean want = PeerMessage.WANT.equals(message.type());
        if (want && waitingWant.getAndSet(message) != null) {
            return true; // the task already waiting answers this one instead
        }
        if (!acquire(inFlight)) {
            return false;
        }
        if (!acquire(nodeWide)) {
            inFlight.release();
            return false;
        }
        try {
            handlers.execute(() -> {
                try {
                    PeerMessage handled = want ? waitingWant.getAndSet(null) : message;
                    // a want of a connection gone has no one to answer
                    if (!distrusted && handled != null && (!want || open())) {
                        onMessage.accept(this, handled);
                    }
                } finally {
                    nodeWide.release();
                    inFlight.release();
                }
            });
            return true;
        } catch (RejectedExecutionException nodeStopped) {
            nodeWide.release();
            inFlight.release();
            return false;
        }
    }

    /** Waits for a permit while this connection is open; false once it is closed. */
    private boolean acquire(Semaphore permits) throws InterruptedIOException {
        try {
            while (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                if (!open()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the node handled earlier frames");
        }
    }

    /** Queues a frame; a peer too far behind is dropped. */
    void send(PeerMessage message) {
        if (!open()) {
            return;
        }
        byte[] frame = (Json.write(message) + "\n").getBytes(StandardCharsets.UTF_8);
        if (queuedBytes.addAndGet(frame.length) > QUEUE_BYTES || !outgoing.offer(frame)) {
            LOG.warn("peer {} is {} frames or {} bytes behind; dropping the connection", deviceId, QUEUE, QUEUE_BYTES);
            // it does not read: a goodbye would not reach it, and the writer is likely blocked writing to it
            cut();
        }
    }

    private void writeLoop() {
        try {
            OutputStream out = socket.getOutputStream();
            while (open()) {
                byte[] frame = outgoing.poll(keepaliveMillis, TimeUnit.MILLISECONDS);
                if (frame == null) {
                    // a third of the silence limit without a frame: an empty line tells the peer this door is there
                    frame = KEEPALIVE;
                }
                if (frame == CLOSE || !open()) {
                    break;
                }
                if (frame != KEEPALIVE) {
                    queuedBytes.addAndGet(-frame.length);
                }
                out.write(frame);
                out.flush();
            }
            // the goodbye, on the one thread that writes: it holds no lock another thread waits for, and if the
            // peer does not take it, the cut close() scheduled frees this thread
            socket.close();
        } catch (IOException e) {
            LOG.debug("peer {}: write failed: {}", deviceId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            cut();
        }
    }

    /**
     * Closes a connection the node no longer trusts (its door was revoked or unlisted): the frames it read before and
     * that still wait for the node are not handled (a normal end leaves them to be handled: an honest door's last
     * items).
     */
    void distrust() {
        distrusted = true;
        close();
    }

    /**
     * Ends the connection without waiting, from any thread: the writer says goodbye in TLS, and whatever it is
     * doing {@link #GOODBYE} later the TCP connection is cut.
     */
    void close() {
        if (markClosed()) {
            CUTS.schedule(this::cut, GOODBYE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Ends the connection at once, without a goodbye: closing the plain socket under TLS takes no lock, so it returns
     * at once, and the reader and a writer blocked on the peer fail out of their calls.
     */
    void cut() {
        markClosed();
        try {
            plain.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** True for the call that closed it; the writer, if it waits for a frame, wakes to say goodbye. */
    private boolean markClosed() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        outgoing.clear();
        outgoing.offer(CLOSE);
        return true;
    }

    /** A line without its newline, null at end of stream; longer than {@link #MAX_FRAME} is an error. */
    private static byte[] readLine(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(256);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return line.toByteArray();
            }
            if (line.size() >= MAX_FRAME) {
                throw new IOException("a frame longer than " + MAX_FRAME + " bytes");
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toByteArray();
    }
}
