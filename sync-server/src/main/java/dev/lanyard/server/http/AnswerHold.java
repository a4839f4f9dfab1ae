package dev.lanyard.server.http;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;

/**
 * Holds what the app writes until it is done with the request, then writes it to the client with no thread waiting
 * (ADR 0241). The app writes answers with blocking writes on the 200 HTTP threads, so a door reading a 2 MB feed page
 * over bad Wi-Fi held one for as long as it took to read, and 200 slow readers left every other door unanswered.
 *
 * <p>An answer is held up to {@code bound} bytes while the {@link BodyBudget} given for answers can take it; an answer
 * longer than that (a CSV export), or one arriving when the budget is spent, is written as before: what was held
 * first, then the rest as the app writes it, its thread waiting on the client. Server-sent events and WebSocket
 * upgrades pass untouched.
 */
final class AnswerHold extends Handler.Wrapper {
    /** What holding one written piece costs beyond its bytes (the array and the list entry). */
    static final int PIECE_OVERHEAD = 64;

    private final long bound;
    private final BodyBudget budget;

    AnswerHold(long bound, BodyBudget budget) {
        this.bound = bound;
        this.budget = budget;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getHeaders().contains(HttpHeader.UPGRADE)) {
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

    /** The response as the app sees it: its writes are copied and done at once until it outgrows what may be held. */
    private final class Held extends Response.Wrapper {
        private final List<byte[]> pieces = new ArrayList<>();
        private long length;
        private long taken;
        private boolean written;
        private boolean last;
        /** Past what may be held: writes go to the client as the app makes them. */
        private boolean passing;

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
            int size = content == null ? 0 : content.remaining();
            if (streamsEvents() || length + size > bound || !take(size + PIECE_OVERHEAD)) {
                passing = true;
                // what was held goes first; the app's thread waits for both, as it always did
                writeHeld(false, Callback.from(() -> Held.super.write(last, content, callback), callback::failed));
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
            Response response = getWrapped();
            if (last && length > 0 && !response.getHeaders().contains(HttpHeader.CONTENT_LENGTH)
                    && !"HEAD".equals(getRequest().getMethod())) {
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length); // known now: no chunked encoding
            }
            writeHeld(true, done);
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
            if (!budget.tryTake(bytes)) {
                return false;
            }
            taken += bytes;
            return true;
        }

        synchronized void giveBack() {
            budget.give(taken);
            taken = 0;
        }
    }
}
