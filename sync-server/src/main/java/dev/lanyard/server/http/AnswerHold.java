package dev.lanyard.server.http;

import dev.lanyard.server.auth.Principal;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.ApiError;
import dev.lanyard.model.protocol.ServerTime;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes what the app writes off its hands and sends it on to the client with Jetty's non-blocking writes, so no thread
 * waits for a client (ADR 0241). The app writes answers with blocking writes on the 200 HTTP threads, so a door reading
 * a 2 MB feed page over bad Wi-Fi held one for as long as it took to read, and 200 slow readers left every other door
 * unanswered. A write goes on to the client at once when the ones before it have gone (so a fast client reads while
 * the app still writes), and is held, copied, while they have not; the request completes once all of it has gone.
 *
 * <p>What is held counts against the {@link BodyBudget} given for answers, and its client's share of it (ADR 0242). An
 * answer longer than {@code bound} (a CSV export) goes on past it through an {@link AnswerSpill} on disk, counted
 * against a budget of its own (ADR 0245), and so does a change's answer that the memory budget cannot take. When a
 * budget or its share cannot take a write, an answer to a request that only asked (GET, HEAD) is answered 429 busy if
 * none of it was sent, and cut off if some was (the client asks again; nothing is lost); one to a request that changed
 * something is written as before, its thread waiting on the client, and so is an answer whose spill the disk refused.
 * Server-sent events and WebSocket handshakes pass untouched.
 */
final class AnswerHold extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerHold.class);
    /** What holding one written piece costs beyond its bytes (the array and its queue entry). */
    static final int PIECE_OVERHEAD = 64;

    private static final byte[] BUSY = Json.writeBytes(new ApiError("busy",
            "the server holds as many answers for clients reading slowly as it may; ask again in 2 s"));

    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final long bound;
    private final BodyBudget budget;
    private final Spills spills;

    /**
     * Where the parts of answers past the bound wait for their clients (ADR 0245).
     *
     * @param dir    the folder of their files
     * @param budget what their files may take on disk together, with each client's share
     * @param open   how many may be open together (each holds {@link AnswerSpill#MEMORY} of heap), with each
     *               client's share: a budget counted in spills
     * @param io     reads them back and closes them: disk work, kept off Jetty's threads that must not wait
     */
    record Spills(Path dir, BodyBudget budget, BodyBudget open, Executor io) {
    }

    /**
     * @param bound  the longest answer held in memory
     * @param budget what answers may hold in memory together, with each client's share
     */
    AnswerHold(long bound, BodyBudget budget, Spills spills) {
        this.bound = bound;
        this.budget = budget;
        this.spills = spills;
    }

    /**
     * Two threads for the spills' disk work, kept only while there is some; as many tasks may wait as two for each
     * spill that may be open (a spill has at most one read under way, and its open slot goes back only once its close
     * has run), so work runs where it was asked for only once this executor is stopping.
     */
    static Executor spillIo(int openSpills) {
        java.util.concurrent.ThreadPoolExecutor io = new java.util.concurrent.ThreadPoolExecutor(2, 2, 30,
                java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.ArrayBlockingQueue<>(2 * openSpills),
                task -> {
                    Thread thread = new Thread(task, "lanyard-answer-spill");
                    thread.setDaemon(true);
                    return thread;
                });
        io.allowCoreThreadTimeOut(true);
        return io;
    }

    /** Runs disk work on {@code io}, or here if it takes no more (it is stopping, or that far behind). */
    private void onSpillIo(Runnable work) {
        try {
            spills.io().execute(work);
        } catch (RejectedExecutionException full) {
            work.run();
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (opensWebSocket(request)) {
            return super.handle(request, response, callback);
        }
        Held held = new Held(request, response);
        return super.handle(request, held, new Callback() {
            @Override
            public void succeeded() {
                held.release(callback);
            }

            @Override
            public void failed(Throwable x) {
                held.giveBack();
                callback.failed(x);
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }
        });
    }

    /** A WebSocket handshake: the connection becomes the socket's, and nothing is written through the response. */
    private static boolean opensWebSocket(Request request) {
        return request.getHeaders().contains(HttpHeader.UPGRADE, "websocket")
                && Routes.WEBSOCKET_PATH.equals(BodyPrefetch.routedPath(request));
    }

    /** One copied write of the app's, waiting for the client. */
    private record Piece(byte[] bytes, boolean last) {
        /** What it holds of the budget: nothing for an empty write (the end, a flush). */
        long cost() {
            return bytes.length == 0 ? 0 : bytes.length + PIECE_OVERHEAD;
        }
    }

    /** The app's write that waits for the pieces before it to reach the client, then goes as it is. */
    private record Pass(boolean last, ByteBuffer content, Callback callback) {
    }

    /**
     * The response as the app sees it: each write is copied (into memory, or past the bound into a spill), sent on to
     * the client as soon as the ones before it have gone, and done at once for the app, until the answer outgrows what
     * may be held for its client.
     */
    private final class Held extends Response.Wrapper {
        private final Sender sender = new Sender();
        // guarded by this: the app's thread adds, Jetty's completions take
        private final Deque<Piece> queue = new ArrayDeque<>();
        private Pass pass;
        private Callback whenSent;
        private boolean sent;
        private Throwable failure;
        private long taken;
        /** Of the spill: what the app has appended, whether that was the end, what it holds of the spill budget. */
        private AnswerSpill spill;
        private long spilled;
        private boolean spillEnded;
        private long spillTaken;
        private boolean holdsOpenSpill;
        private boolean done;
        /** Whose share of the budget the answer counts against. */
        private Object holder;
        // the app's thread only
        private long length;
        private boolean started;
        /** Past what may be held: writes go to the client as the app makes them. */
        private boolean passing;
        /** Nothing was sent, and nothing may be held for this client: the client is told busy instead. */
        private boolean refusing;
        /** Part was sent, and no more may be held: the answer is cut off and the client asks again. */
        private boolean cutting;
        private volatile boolean written;
        private volatile boolean last;

        Held(Request request, Response wrapped) {
            super(request, wrapped);
        }

        @Override
        public void write(boolean last, ByteBuffer content, Callback callback) {
            written = true; // any write commits a response, even an empty one (a flush)
            if (passing) {
                super.write(last, content, callback);
                return;
            }
            Throwable failed = failure();
            if (failed != null) {
                callback.failed(failed); // the client has gone: the app stops writing
                return;
            }
            if (refusing || cutting) {
                callback.succeeded(); // dropped: the client is told otherwise
                return;
            }
            int size = content == null ? 0 : content.remaining();
            if (streamsEvents()) {
                passOn(last, content, callback);
                return;
            }
            if (spill != null || length + size > bound) { // spill is set on this thread, by its first write
                spill(last, content, callback);
                return;
            }
            if (size > 0 && !take(size + PIECE_OVERHEAD)) { // an empty write (the end, a flush) costs nothing
                if (!onlyAsks()) {
                    spill(last, content, callback); // what it changed is done: its answer must reach the client
                } else {
                    // this client, or all of them, hold what they may: asked again rather than written on a thread
                    // that a client reading nothing would keep (ADR 0242)
                    refusing = !started;
                    cutting = started;
                    callback.succeeded();
                }
                return;
            }
            byte[] copy = new byte[size];
            if (size > 0) {
                content.get(copy); // the app's buffer is reused once the write is done
            }
            length += size;
            this.last |= last;
            started = true;
            synchronized (this) {
                queue.add(new Piece(copy, last));
            }
            sender.iterate();
            callback.succeeded();
        }

        /**
         * Appends the write to the answer's spill, opened by its first. When the spill budget cannot take it, as when
         * the memory budget cannot (see {@link #write}); when the disk refuses it, the write is passed on.
         */
        private void spill(boolean last, ByteBuffer content, Callback callback) {
            int size = content == null ? 0 : content.remaining();
            if (size > 0 && !takeSpill(size)) {
                refuseSpill(last, content, callback);
                return;
            }
            if (spill == null && !takeOpenSpill()) {
                giveBackSpill(size);
                refuseSpill(last, content, callback);
                return;
            }
            try {
                if (spill == null) {
                    openSpill();
                }
                if (size > 0) {
                    spill.append(content);
                }
            } catch (IOException e) {
                Throwable failed = failure();
                if (failed != null) {
                    callback.failed(failed); // the client has gone, and the spill with it
                    return;
                }
                giveBackSpill(size);
                LOG.warn("an answer past {} bytes could not wait on disk ({}); its thread writes it to the client",
                        bound, e.toString());
                passOn(last, content, callback); // the write was left as it came
                return;
            }
            length += size;
            this.last |= last;
            started = true;
            synchronized (this) {
                spilled += size;
                spillEnded |= last;
            }
            sender.iterate();
            callback.succeeded();
        }

        /** No room on disk for this client: an ask is told busy or cut off, a change's answer written on its thread. */
        private void refuseSpill(boolean last, ByteBuffer content, Callback callback) {
            if (onlyAsks()) {
                refusing = !started;
                cutting = started;
                callback.succeeded();
            } else {
                passOn(last, content, callback);
            }
        }

        private void openSpill() throws IOException {
            AnswerSpill opened = AnswerSpill.open(spills.dir());
            synchronized (this) {
                if (!done) {
                    spill = opened;
                    return;
                }
            }
            opened.close(); // the answer failed meanwhile, and gave back what it held
            throw new IOException("the answer ended before its spill opened");
        }

        /** From here on the app's writes go to the client as it makes them, once what was queued has gone. */
        private void passOn(boolean last, ByteBuffer content, Callback callback) {
            passing = true;
            Throwable failed;
            synchronized (this) {
                // checked with the pass stored: a sender that failed in between would never send it
                failed = failure;
                if (failed == null) {
                    pass = new Pass(last, content, callback);
                }
            }
            if (failed != null) {
                callback.failed(failed);
                return;
            }
            sender.iterate();
        }

        private boolean onlyAsks() {
            String method = getRequest().getMethod();
            return "GET".equals(method) || "HEAD".equals(method);
        }

        /** Server-sent events (the console's dashboard) are flushed one by one and must leave as they are written. */
        private boolean streamsEvents() {
            String type = getHeaders().get(HttpHeader.CONTENT_TYPE);
            return type != null && type.startsWith("text/event-stream");
        }

        @Override
        public boolean isCommitted() {
            return written || super.isCommitted();
        }

        @Override
        public boolean hasLastWrite() {
            return last || super.hasLastWrite();
        }

        /** The app is done: Jetty hears that the request is complete once what it wrote has reached the client. */
        void release(Callback done) {
            if (passing) {
                giveBack(); // a pass goes after all the spill, so the spill is done with
                done.succeeded(); // its last write waited for everything
                return;
            }
            if (refusing) {
                refuse(done);
                return;
            }
            if (cutting) {
                giveBack();
                done.failed(new java.io.IOException("the client holds as many unread answers as it may"));
                return;
            }
            if (!last) {
                last = true;
                synchronized (this) {
                    if (spill != null) {
                        spillEnded = true;
                    } else {
                        queue.add(new Piece(new byte[0], true)); // an answer without a last write still ends
                    }
                }
                sender.iterate();
            }
            Throwable failed;
            boolean allSent;
            synchronized (this) {
                failed = failure;
                allSent = sent;
                if (failed == null && !allSent) {
                    whenSent = done;
                }
            }
            if (failed != null) {
                done.failed(failed);
            } else if (allSent) {
                done.succeeded();
            }
        }

        private synchronized Throwable failure() {
            return failure;
        }

        /** 429 busy in the API's error format, instead of what the app wrote; small enough for any socket buffer. */
        private void refuse(Callback done) {
            Response response = getWrapped();
            String serverTime = response.getHeaders().get(ServerTime.HEADER); // every answer carries it
            response.reset();
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS_429);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.RETRY_AFTER, 2);
            if (serverTime != null) {
                response.getHeaders().put(ServerTime.HEADER, serverTime);
            }
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, BUSY.length);
            response.write(true, ByteBuffer.wrap(BUSY), done);
        }

        private synchronized boolean take(long bytes) {
            if (done) {
                return false; // nothing is held once the answer has gone or failed
            }
            if (!budget.tryTake(holder(), bytes)) {
                return false;
            }
            taken += bytes;
            return true;
        }

        /** Bytes the spill will keep on disk until the answer ends: the file only grows while it is open. */
        private synchronized boolean takeSpill(long bytes) {
            if (done || !spills.budget().tryTake(holder(), bytes)) {
                return false;
            }
            spillTaken += bytes;
            return true;
        }

        /** Whose shares the answer counts against: known once the app writes, its route has checked the token. */
        private synchronized Object holder() {
            if (holder == null) {
                Object who = getRequest().getAttribute(BearerAuth.ATTRIBUTE);
                holder = who instanceof Principal principal ? Credentials.holder(principal) : Credentials.ANYONE;
            }
            return holder;
        }

        /** One of the spills that may be open, given back when the answer ends. */
        private synchronized boolean takeOpenSpill() {
            if (done || !spills.open().tryTake(holder(), 1)) {
                return false;
            }
            holdsOpenSpill = true;
            return true;
        }

        /** Bytes taken for the spill that were never appended. */
        private synchronized void giveBackSpill(long bytes) {
            if (!done && bytes > 0) {
                spillTaken -= bytes;
                spills.budget().give(holder, bytes);
            }
        }

        /** A piece has reached the client. */
        private synchronized void giveBack(long cost) {
            if (!done) {
                taken -= cost;
                budget.give(holder, cost);
            }
        }

        /** Called once the answer has gone or failed: what is still taken goes back, and nothing more is taken. */
        void giveBack() {
            AnswerSpill closing;
            boolean openSlot;
            Object who;
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
                budget.give(holder, taken);
                taken = 0;
                spills.budget().give(holder, spillTaken);
                spillTaken = 0;
                closing = spill;
                openSlot = holdsOpenSpill;
                who = holder;
            }
            if (closing == null) {
                if (openSlot) {
                    spills.open().give(who, 1); // the disk refused to open it
                }
                return;
            }
            // freeing a long file's blocks is disk work; a write or read still under way fails, and its answer. The
            // slot goes back once the file is closed, so no more than OPEN_SPILLS are ever open
            onSpillIo(() -> {
                try {
                    closing.close();
                } catch (IOException e) {
                    LOG.warn("an answer's spill did not close: {}", e.toString());
                } finally {
                    spills.open().give(who, 1);
                }
            });
        }

        /** Sends the queued pieces one after another, then the spill, and the passed-on write after them. */
        private final class Sender extends IteratingCallback {
            private Piece current;
            /** Of the spill: what was read back to be sent (set on the spill's I/O thread before its write starts). */
            private long spillSent;
            private boolean lastSent;

            @Override
            protected Action process() {
                if (current != null) {
                    giveBack(current.cost());
                    current = null;
                }
                Piece next;
                Pass after = null;
                AnswerSpill from;
                long upTo;
                boolean ended;
                synchronized (Held.this) {
                    next = queue.poll();
                    if (next == null) {
                        if (lastSent) {
                            return Action.SUCCEEDED;
                        }
                        from = spill;
                        upTo = spilled;
                        ended = spillEnded;
                        if (from == null || spillSent == upTo && !ended) {
                            after = pass; // taken with the spill seen whole: a pass follows everything appended
                            pass = null;
                        }
                    } else {
                        from = null;
                        upTo = 0;
                        ended = false;
                    }
                }
                if (next == null && from != null && spillSent < upTo) {
                    // a slow reader's chunk may have left the page cache: read on a thread that may wait
                    onSpillIo(() -> sendChunk(from, upTo, ended));
                    return Action.SCHEDULED;
                }
                if (next == null && from != null && ended) {
                    lastSent = true;
                    Held.this.getWrapped().write(true, NOTHING, this);
                    return Action.SCHEDULED;
                }
                if (next == null) {
                    if (after != null) {
                        try {
                            Held.super.write(after.last(), after.content(), after.callback());
                        } catch (RuntimeException e) {
                            after.callback().failed(e); // its thread waits for this callback
                        }
                    }
                    return Action.IDLE;
                }
                current = next;
                lastSent = next.last();
                Held.this.getWrapped().write(next.last(), ByteBuffer.wrap(next.bytes()), this);
                return Action.SCHEDULED;
            }

            /** Reads the spill's next chunk and sends it on; the write's completion goes on with {@link #process}. */
            private void sendChunk(AnswerSpill from, long upTo, boolean ended) {
                ByteBuffer chunk;
                try {
                    chunk = from.next(upTo);
                } catch (IOException | RuntimeException e) {
                    failed(e);
                    return;
                }
                spillSent += chunk.remaining();
                lastSent = spillSent == upTo && ended;
                try {
                    Held.this.getWrapped().write(lastSent, chunk, this);
                } catch (RuntimeException e) {
                    failed(e); // nobody else would complete this write
                }
            }

            @Override
            protected void onCompleteSuccess() {
                Callback done;
                synchronized (Held.this) {
                    sent = true;
                    done = whenSent;
                    whenSent = null;
                }
                giveBack();
                if (done != null) {
                    done.succeeded();
                }
            }

            @Override
            protected void onCompleteFailure(Throwable cause) {
                Callback done;
                Pass after;
                synchronized (Held.this) {
                    failure = cause;
                    done = whenSent;
                    whenSent = null;
                    after = pass;
                    pass = null;
                    queue.clear();
                }
                giveBack();
                if (after != null) {
                    after.callback().failed(cause);
                }
                if (done != null) {
                    done.failed(cause);
                }
            }

            @Override
            public InvocationType getInvocationType() {
                // it only starts the next write; the app's thread may be waiting for it, so it must not wait for one
                return InvocationType.NON_BLOCKING;
            }
        }
    }
}
