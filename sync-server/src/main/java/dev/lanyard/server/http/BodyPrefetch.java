package dev.lanyard.server.http;

import dev.lanyard.server.auth.Principal;
import java.nio.ByteBuffer;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.ToLongFunction;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
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
 * <p>What is held counts against the server's {@link BodyBudget}. A body the budget cannot take, or longer than
 * {@code cap} (the largest JSON body), is read on and dropped, still without a thread, and the request reaches the
 * app marked {@link #DROPPED} with the reason ({@link Bodies} answers 429 or 413). A request whose credentials do not
 * check out is held only to a sign-in's bound ({@link Bodies#SMALL_BODY}) and from a budget of its own, so no one
 * without a token can leave the doors' pushes without room. Only a guest list's CSV, at the
 * paths {@code streamed} gives a bound for, is given to the app as it comes when it is longer than {@code cap} and
 * says a length within that bound: those routes read it as it arrives, and need an organizer.
 */
final class BodyPrefetch implements EagerContentHandler.ContentLoaderFactory {
    /** The request attribute naming why the body was dropped, a {@link Dropped}; the body is then gone. */
    static final String DROPPED = "lanyard.bodyDropped";

    /** What holding one arrived piece costs beyond its bytes (the array, its buffer and chunk objects). */
    static final int PIECE_OVERHEAD = 128;

    enum Dropped { OVER_BUDGET, OVER_CAP }

    private final long cap;
    private final BodyBudget budget;
    private final BodyBudget openBudget;
    private final Credentials credentials;
    private final Set<String> trustedProxies;
    /** The longest body a path reads as it arrives; 0 for the paths that hold theirs. */
    private final ToLongFunction<String> streamed;

    BodyPrefetch(long cap, BodyBudget budget, BodyBudget openBudget, Credentials credentials,
                 Set<String> trustedProxies, ToLongFunction<String> streamed) {
        this.cap = cap;
        this.trustedProxies = trustedProxies;
        this.budget = budget;
        this.openBudget = openBudget;
        this.credentials = credentials;
        this.streamed = streamed;
    }

    /**
     * Whom a request naming no one counts as: its client address, as the app resolves it (ADR 0244), so one address
     * stalling sign-ins holds only its share of the open budget.
     */
    private Object clientOf(Request request) {
        return "address:" + ClientAddress.of(Request.getRemoteAddr(request),
                ClientAddress.forwardedFor(request.getHeaders().getValuesList(HttpHeader.X_FORWARDED_FOR)),
                trustedProxies);
    }

    /** The handler that prefetches; Javalin puts its servlet context inside it. */
    static Handler.Wrapper handler(long cap, BodyBudget budget, BodyBudget openBudget, Credentials credentials,
                                   Set<String> trustedProxies, Map<String, Long> streamedTemplates) {
        return new EagerContentHandler(new BodyPrefetch(cap, budget, openBudget, credentials, trustedProxies,
                path -> streamedTemplates.entrySet().stream().filter(e -> matches(e.getKey(), path))
                        .mapToLong(Map.Entry::getValue).findFirst().orElse(0)));
    }

    /** Whether {@code path} is one of {@code template}'s, each {@code {name}} segment standing for any one segment. */
    static boolean matches(String template, String path) {
        String[] want = template.split("/", -1);
        String[] got = path.split("/", -1);
        if (want.length != got.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            boolean any = want[i].startsWith("{") && want[i].endsWith("}") && !got[i].isEmpty();
            if (!any && !want[i].equals(got[i])) {
                return false;
            }
        }
        return true;
    }

    /** The path as the router sees it: dot segments resolved, a trailing slash ignored. */
    static String routedPath(Request request) {
        String path = request.getHttpURI().getCanonicalPath();
        if (path == null) {
            return "";
        }
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    @Override
    public String getApplicableMimeType() {
        return null; // every content type
    }

    @Override
    public EagerContentHandler.ContentLoader newContentLoader(String contentType, String mimeType, Handler next,
                                                              Request request, Response response, Callback callback) {
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > cap && "POST".equals(request.getMethod())
                && declared <= streamed.applyAsLong(routedPath(request))) {
            return null; // its route reads it as it comes, and refuses it unread without an organizer
        }
        // on the thread Jetty handles the request with, before a byte of the body is read (a device's token is looked
        // up in the database, as the app would)
        Optional<Principal> bearer = credentials.bearer(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        // the app does not look again unless the body took long to come
        bearer.ifPresent(who -> request.setAttribute(BearerAuth.LOOKED_UP, BearerAuth.LookedUp.now(who)));
        Optional<Object> holder = bearer.map(Credentials::holder).or(() -> credentials.consoleUser(
                request.getHeaders().get(HttpHeader.COOKIE)).map(Credentials::userHolder));
        Loader loader = holder.isPresent() ? new Loader(next, request, response, callback, cap, budget, holder.get())
                : new Loader(next, request, response, callback, Bodies.SMALL_BODY, openBudget, clientOf(request));
        if (declared > loader.bound) {
            loader.dropped = Dropped.OVER_CAP;
        }
        return loader;
    }

    private final class Loader extends EagerContentHandler.ContentLoader implements Invocable.Task {
        // read by the app's thread while Jetty may fail the request from another
        private final Deque<Content.Chunk> held = new ConcurrentLinkedDeque<>();
        private final long bound;
        private final BodyBudget from;
        /** Whose share of the budget this body counts against; null for the open budget, which has no shares. */
        private final Object holder;
        private long received;
        private long taken;
        private Dropped dropped;

        Loader(Handler next, Request request, Response response, Callback callback, long bound, BodyBudget from,
               Object holder) {
            super(next, request, response, callback);
            this.bound = bound;
            this.from = from;
            this.holder = holder;
        }

        @Override
        protected void load() {
            if (dropped != null && getRequest().getHeaders().contains(HttpHeader.EXPECT, "100-continue")) {
                // the client waits to be asked for its body: refused from its length, it is never asked
                handOver(false);
                return;
            }
            readSafely(false);
        }

        /** Called by Jetty when more of the body has arrived (or the client failed). */
        @Override
        public void run() {
            readSafely(true);
        }

        private void readSafely(boolean arrivedLater) {
            try {
                read(arrivedLater);
            } catch (RuntimeException | Error e) {
                // a server stopping refuses the hand-over to its threads: what was held goes back all the same
                giveBack();
                getCallback().failed(e);
            }
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
                if (received > bound && dropped == null) {
                    drop(Dropped.OVER_CAP); // even a guest list must say its length to be longer
                }
                if (received > bound + Bodies.DRAIN_LIMIT) { // no more is read of a body refused (413)
                    chunk.release();
                    giveBack();
                    Response.writeError(getRequest(), getResponse(), getCallback(), HttpStatus.PAYLOAD_TOO_LARGE_413);
                    return;
                }
                if (dropped == null && size > 0) {
                    hold(chunk, size);
                }
                boolean last = chunk.isLast();
                chunk.release();
                if (last) {
                    held.add(Content.Chunk.EOF);
                    handOver(arrivedLater);
                    return;
                }
            }
        }

        private void hold(Content.Chunk chunk, int size) {
            if (!take(size + PIECE_OVERHEAD)) {
                // the rest is read and dropped as it comes, so the client gets to read its 429
                drop(Dropped.OVER_BUDGET);
                return;
            }
            byte[] copy = new byte[size];
            chunk.getByteBuffer().get(copy);
            held.add(Content.Chunk.from(ByteBuffer.wrap(copy), false));
        }

        private void drop(Dropped why) {
            dropped = why;
            giveBack();
        }

        private synchronized boolean take(long bytes) {
            if (!from.tryTake(holder, bytes)) {
                return false;
            }
            taken += bytes;
            return true;
        }

        private synchronized void giveBack() {
            Content.Chunk chunk;
            while ((chunk = held.pollFirst()) != null) {
                chunk.release(); // a no-op for the copies held
            }
            from.give(holder, taken);
            taken = 0;
        }

        private void handOver(boolean arrivedLater) {
            Request request = new Prefetched(getRequest(), held, this::giveBack);
            if (dropped != null) {
                request.setAttribute(DROPPED, dropped);
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

    /** The request as the app sees it: its whole body, held. */
    private static final class Prefetched extends Request.Wrapper {
        private final Deque<Content.Chunk> held;
        private final Runnable allRead;

        Prefetched(Request request, Deque<Content.Chunk> held, Runnable allRead) {
            super(request);
            this.held = held;
            this.allRead = allRead;
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk next = held.pollFirst();
            Content.Chunk after = held.peekFirst();
            if (next != null && (after == null || after.isLast())) {
                // the app takes its own copy of the last piece now: what was held goes back, not only once a slow
                // client has read the answer too (ADR 0241 completes a request when its answer has gone)
                allRead.run();
            }
            return next != null ? next : super.read();
        }
    }
}
