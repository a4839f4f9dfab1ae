package dev.lanyard.server.http;

import java.nio.ByteBuffer;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Reads a request's body as it arrives, holding no thread, and gives the request to the app once all of it is here
 * (ADR 0240). The app reads bodies with blocking reads on the 200 HTTP threads; a client that sends a request's first
 * bytes and then nothing would otherwise hold one of them until the idle timeout, and 200 such requests from anywhere
 * on the network would leave every door unanswered.
 *
 * <p>What is held counts against the server's {@link BodyBudget}. A body the budget cannot take is read on and dropped,
 * still without a thread, and the request reaches the app marked {@link #REFUSED} (answered 429 by {@link Bodies}).
 * A body longer than {@code cap} is given to the app as it is: its route refuses it from its length, or streams it
 * (a CSV import).
 */
final class BodyPrefetch implements EagerContentHandler.ContentLoaderFactory {
    /** The request attribute set when the budget could not hold the body; the body is then gone. */
    static final String REFUSED = "lanyard.bodyRefused";

    /** What holding one arrived piece costs beyond its bytes (the array, its buffer and chunk objects). */
    static final int PIECE_OVERHEAD = 128;

    private final long cap;
    private final BodyBudget budget;

    BodyPrefetch(long cap, BodyBudget budget) {
        this.cap = cap;
        this.budget = budget;
    }

    /** The handler that prefetches; Javalin puts its servlet context inside it. */
    static Handler.Wrapper handler(long cap, BodyBudget budget) {
        return new EagerContentHandler(new BodyPrefetch(cap, budget));
    }

    @Override
    public String getApplicableMimeType() {
        return null; // every content type
    }

    @Override
    public EagerContentHandler.ContentLoader newContentLoader(String contentType, String mimeType, Handler next,
                                                              Request request, Response response, Callback callback) {
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        return declared > cap ? null : new Loader(next, request, response, callback);
    }

    private final class Loader extends EagerContentHandler.ContentLoader implements Invocable.Task {
        // read by the app's thread while Jetty may fail the request from another
        private final Deque<Content.Chunk> held = new ConcurrentLinkedDeque<>();
        private long received;
        private long taken;
        private boolean refused;

        Loader(Handler next, Request request, Response response, Callback callback) {
            super(next, request, response, callback);
        }

        @Override
        protected void load() {
            read(false);
        }

        /** Called by Jetty when more of the body has arrived (or the client failed). */
        @Override
        public void run() {
            read(true);
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING; // copying and counting only; the app runs on a pool thread
        }

        private void read(boolean arrivedLater) {
            while (true) {
                Content.Chunk chunk = getRequest().read();
                if (chunk == null) {
                    getRequest().demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    // the client went away or stalled past the idle timeout: there is no one to answer
                    giveBack();
                    getCallback().failed(chunk.getFailure());
                    return;
                }
                int size = chunk.remaining();
                received += size;
                if (received > cap) {
                    handOver(arrivedLater, chunk); // longer than any body held here: the route decides
                    return;
                }
                if (!refused && size > 0) {
                    hold(chunk, size);
                }
                boolean last = chunk.isLast();
                chunk.release();
                if (last) {
                    if (!refused) {
                        held.add(Content.Chunk.EOF);
                    }
                    handOver(arrivedLater, null);
                    return;
                }
            }
        }

        private synchronized void hold(Content.Chunk chunk, int size) {
            if (!budget.tryTake(size + PIECE_OVERHEAD)) {
                // the rest is read and dropped as it comes, so the client gets to read its 429
                refused = true;
                giveBack();
                return;
            }
            taken += size + PIECE_OVERHEAD;
            byte[] copy = new byte[size];
            chunk.getByteBuffer().get(copy);
            held.add(Content.Chunk.from(ByteBuffer.wrap(copy), false));
        }

        private synchronized void giveBack() {
            Content.Chunk chunk;
            while ((chunk = held.pollFirst()) != null) {
                chunk.release(); // a no-op for copies; the unread piece handed over is Jetty's buffer
            }
            budget.give(taken);
            taken = 0;
        }

        private void handOver(boolean arrivedLater, Content.Chunk unread) {
            if (unread != null) {
                held.add(unread);
            }
            Request request = new Prefetched(getRequest(), held);
            if (refused) {
                request.setAttribute(REFUSED, Boolean.TRUE);
            }
            Callback done = new Callback.Nested(getCallback()) {
                @Override
                public void completed() {
                    giveBack();
                }
            };
            if (arrivedLater) {
                // called from Jetty's I/O, which must not run the app's blocking code
                getRequest().getContext().execute(() -> handle(request, getResponse(), done));
            } else {
                handle(request, getResponse(), done);
            }
        }
    }

    /** The request as the app sees it: what was held first, then whatever is still to come from the client. */
    private static final class Prefetched extends Request.Wrapper {
        private final Deque<Content.Chunk> held;

        Prefetched(Request request, Deque<Content.Chunk> held) {
            super(request);
            this.held = held;
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk next = held.pollFirst();
            return next != null ? next : super.read();
        }
    }
}
