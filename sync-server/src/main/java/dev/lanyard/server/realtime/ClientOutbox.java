package dev.lanyard.server.realtime;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One client's frames on their way out: a bounded queue with at most one send outstanding, so
 * no thread ever waits for a client's socket and a client that stops reading costs a few
 * queued frames, not a thread. A heartbeat goes ahead of queued data (it is independent of the
 * feed's order), so a healthy client never waits for one behind a backlog.
 */
final class ClientOutbox {
    /** An asynchronous send: calls {@code done} with null once written, or with the failure. */
    interface Sink {
        void send(String text, Consumer<Throwable> done);
    }

    private record Frame(String text, boolean heartbeat) {
    }

    private final Sink sink;
    private final int maxFrames;
    private final Runnable sent;
    private final Consumer<Throwable> failed;
    private final ArrayDeque<Frame> frames = new ArrayDeque<>();
    private boolean heartbeatQueued;
    private boolean sending;
    private long sendingSince;
    private boolean closed;
    private Runnable finisher;

    /**
     * @param maxFrames at most this many frames wait; {@link #offer} refuses beyond
     * @param sent      told after each frame was written (the pump waits for room)
     * @param failed    told once when a send fails
     */
    ClientOutbox(Sink sink, int maxFrames, Runnable sent, Consumer<Throwable> failed) {
        this.sink = sink;
        this.maxFrames = maxFrames;
        this.sent = sent;
        this.failed = failed;
    }

    /** @return false when the queue is full or closed: the client is behind */
    boolean offer(String text) {
        synchronized (this) {
            if (closed || finisher != null || frames.size() >= maxFrames) {
                return false;
            }
            frames.add(new Frame(text, false));
        }
        flush();
        return true;
    }

    /** Queues a heartbeat ahead of waiting data, unless one is already waiting. */
    void offerHeartbeat(String text) {
        synchronized (this) {
            if (closed || finisher != null || heartbeatQueued) {
                return;
            }
            heartbeatQueued = true;
            frames.addFirst(new Frame(text, true));
        }
        flush();
    }

    /** Frames queued and not yet handed to the socket. */
    synchronized int queued() {
        return frames.size();
    }

    /**
     * How long the frame being written has been outstanding, in nanoseconds; 0 when none is or the outbox was closed.
     */
    synchronized long outstandingNanos(long now) {
        return sending && !closed ? now - sendingSince : 0;
    }

    /** Drops what waits: the client is gone or behind. */
    synchronized void close() {
        closed = true;
        frames.clear();
    }

    /** Takes nothing more, writes what waits, then runs {@code then} (a close after its error frame). */
    void finish(Runnable then) {
        synchronized (this) {
            if (closed || finisher != null) {
                return;
            }
            finisher = then;
        }
        flush();
    }

    private void flush() {
        Frame next = null;
        Runnable finish = null;
        synchronized (this) {
            if (closed || sending) {
                return;
            }
            if (!frames.isEmpty()) {
                next = frames.poll();
                heartbeatQueued &= !next.heartbeat();
                sending = true;
                sendingSince = System.nanoTime();
            } else if (finisher != null) {
                finish = finisher;
                closed = true;
            }
        }
        if (next != null) {
            sink.send(next.text(), this::done);
        } else if (finish != null) {
            finish.run();
        }
    }

    private void done(Throwable failure) {
        synchronized (this) {
            sending = false;
            if (failure != null) {
                closed = true;
                frames.clear();
            }
        }
        if (failure != null) {
            failed.accept(failure);
            return;
        }
        sent.run();
        flush();
    }
}
