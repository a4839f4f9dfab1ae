package dev.lanyard.server.http;

import dev.lanyard.server.auth.Principal;
import dev.lanyard.model.protocol.ServerTime;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;

/**
 * Holds what the app writes until it is done with the request, then writes it to the client with no thread waiting
 * (ADR 0241). The app writes answers with blocking writes on the 200 HTTP threads, so a door reading a 2 MB feed page
 * over bad Wi-Fi held one for as long as it took to read, and 200 slow readers left every other door unanswered.
 *
 * <p>An answer is held up to {@code bound} bytes while the {@link BodyBudget} given for answers, and its client's share
 * of it (ADR 0242), can take it. An answer longer than that (a CSV export) is written as before: what was held first,
 * then the rest as the app writes it, its thread waiting on the client. One the budget or the share cannot take is
 * answered 429 busy if it only asked (GET, HEAD: asked again, nothing is lost), and written as before if it changed
 * something. Server-sent events and WebSocket handshakes pass untouched.
 */
final class AnswerHold extends Handler.Wrapper {
    /** What holding one written piece costs beyond its bytes (the array and the list entry). */
    static final int PIECE_OVERHEAD = 64;

    private static final byte[] BUSY = ("{\"error\":\"busy\",\"message\":\"the server holds as many answers for clients"
            + " reading slowly as it may; ask again in 2 s\"}").getBytes(StandardCharsets.UTF_8);

    private final long bound;
    private final BodyBudget budget;

    AnswerHold(long bound, BodyBudget budget) {
        this.bound = bound;
        this.budget = budget;
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
    static boolean opensWebSocket(Request request) {
        return request.getHeaders().contains(HttpHeader.UPGRADE, "websocket")
                && Routes.WEBSOCKET_PATH.equals(request.getHttpURI().getCanonicalPath());
    }

    /** The response as the app sees it: its writes are copied and done at once until it outgrows what may be held. */
    private final class Held extends Response.Wrapper {
        private final List<byte[]> pieces = new ArrayList<>();
        private long length;
        private long taken;
        /** Whose share of the budget the answer counts against. */
        private Object holder;
        private boolean done;
        private boolean written;
        private boolean last;
        /** Past what may be held: writes go to the client as the app makes them. */
        private boolean passing;
        /** Nothing more may be held for this client: what the app writes is dropped and the client told busy. */
        private boolean refusing;

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
            if (refusing) {
                callback.succeeded(); // the client is told it is busy instead
                return;
            }
            int size = content == null ? 0 : content.remaining();
            if (streamsEvents() || length + size > bound) {
                passOn(last, content, callback);
                return;
            }
            if (!take(size + PIECE_OVERHEAD)) {
                if (onlyAsks()) {
                    // this client, or all of them, hold what they may: asked again later rather than written on a
                    // thread that a client reading nothing would keep (ADR 0242)
                    refusing = true;
                    pieces.clear();
                    giveBack();
                    callback.succeeded();
                } else {
                    passOn(last, content, callback); // what it changed is done: its answer must reach the client
                }
                return;
            }
            if (size > 0) {
                byte[] copy = new byte[size];
                content.get(copy); // the app's buffer is reused once the write is done
                pieces.add(copy);
                length += size;
            }
            this.last |= last;
            callback.succeeded();
        }

        /** From here on the app's writes go to the client as it makes them, after what was held. */
        private void passOn(boolean last, ByteBuffer content, Callback callback) {
            passing = true;
            // non-blocking: the completion only starts the next write, and the app's thread is waiting for it
            writeHeld(false, Callback.from(InvocationType.NON_BLOCKING,
                    () -> Held.super.write(last, content, callback), callback::failed));
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

        /** The app is done: what it wrote goes to the client, and then Jetty hears that the request is complete. */
        void release(Callback done) {
            if (passing) {
                done.succeeded();
                return;
            }
            if (refusing) {
                refuse(done);
                return;
            }
            Response response = getWrapped();
            if (last && length > 0 && !response.getHeaders().contains(HttpHeader.CONTENT_LENGTH)
                    && !"HEAD".equals(getRequest().getMethod())) {
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length); // known now: no chunked encoding
            }
            writeHeld(true, done);
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

        private void writeHeld(boolean andLast, Callback done) {
            List<byte[]> out = List.copyOf(pieces);
            pieces.clear();
            Response response = getWrapped();
            new IteratingCallback() {
                private int next;

                @Override
                protected Action process() {
                    if (next < out.size()) {
                        byte[] piece = out.get(next++);
                        response.write(andLast && next == out.size(), ByteBuffer.wrap(piece), this);
                        return Action.SCHEDULED;
                    }
                    if (andLast && out.isEmpty() && next++ == 0) {
                        response.write(true, null, this); // an answer without content still ends
                        return Action.SCHEDULED;
                    }
                    return Action.SUCCEEDED;
                }

                @Override
                protected void onCompleteSuccess() {
                    giveBack();
                    done.succeeded();
                }

                @Override
                protected void onCompleteFailure(Throwable cause) {
                    giveBack();
                    done.failed(cause);
                }

                @Override
                public InvocationType getInvocationType() {
                    return done.getInvocationType(); // it only starts the next write, then calls done
                }
            }.iterate();
        }

        private synchronized boolean take(long bytes) {
            if (done) {
                return false; // nothing is held once the answer has gone or failed
            }
            if (taken == 0) {
                // known by the time the app writes: the route has checked the request's token
                Object who = getRequest().getAttribute(BearerAuth.ATTRIBUTE);
                holder = who instanceof Principal principal ? Credentials.holder(principal) : Credentials.ANYONE;
            }
            if (!budget.tryTake(holder, bytes)) {
                return false;
            }
            taken += bytes;
            return true;
        }

        /** Called once the answer has gone or failed. */
        synchronized void giveBack() {
            done = true;
            budget.give(holder, taken);
            taken = 0;
        }
    }
}
