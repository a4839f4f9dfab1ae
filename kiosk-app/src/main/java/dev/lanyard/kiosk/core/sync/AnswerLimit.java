package dev.lanyard.kiosk.core.sync;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * How many bytes of an answer the kiosk reads before it refuses the rest (ADR 0340): a server, or whatever
 * answers in its place, is bounded where its bytes enter like any other peer. Counted after OkHttp has
 * unzipped the body, so a small compressed answer cannot unfold into an unbounded one.
 */
final class AnswerLimit implements Interceptor {
    /**
     * A feed page: the server stops a page after the entry that reaches {@code FeedReader.MAX_PAGE_BYTES}
     * (2 MB of data; its realtime frames are the same pages), so eight times that is never an honest page.
     */
    static final long FEED_PAGE_BYTES = 16L << 20;
    /** Any other answer: a push's answers are under 1 kB an item and a batch holds at most 5,000 items. */
    static final long DEFAULT_BYTES = 8L << 20;

    /**
     * An answer that arrives slower than this many bytes in {@link #SLOW_WINDOW} is given up (and asked for again by
     * whoever asked): the read timeout only catches a silence, and a server, proxy or captive portal sending a byte
     * every few seconds held the outbox thread for good. A link a thousand times slower than a venue's Wi-Fi still
     * passes.
     */
    static final long SLOWEST_BYTES = 1024;
    static final java.time.Duration SLOW_WINDOW = java.time.Duration.ofSeconds(30);
    private final long window;
    private final long slowestBytes;

    AnswerLimit() {
        this(SLOW_WINDOW, SLOWEST_BYTES);
    }

    AnswerLimit(java.time.Duration window, long slowestBytes) {
        this.window = window.toNanos();
        this.slowestBytes = slowestBytes;
    }

    /** The limit a request asks for, as its tag; a request without one gets {@link #DEFAULT_BYTES}. */
    record Bytes(long max) {
    }

    /** What an answer arriving slower than the floor throws. */
    static final class Trickling extends IOException {
        Trickling(long bytes, long windowNanos) {
            super("the answer arrived too slowly (" + bytes + " bytes in " + windowNanos / 1_000_000_000L
                    + " s); given up");
        }
    }

    /** What reading past the limit throws; the bytes already read were read, the rest never are. */
    static final class Exceeded extends IOException {
        Exceeded(long max) {
            super("answer larger than " + (max >> 20) + " MB; the rest was not read");
        }
    }

    static Request.Builder feedPage(Request.Builder request) {
        return request.tag(Bytes.class, new Bytes(FEED_PAGE_BYTES));
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        Bytes limit = chain.request().tag(Bytes.class);
        ResponseBody body = response.body();
        return response.newBuilder().body(new Bounded(body, limit == null ? DEFAULT_BYTES : limit.max(), window,
                slowestBytes)).build();
    }

    private static final class Bounded extends ResponseBody {
        private final ResponseBody body;
        private final BufferedSource source;

        Bounded(ResponseBody body, long max, long window, long slowestBytes) {
            this.body = body;
            this.source = Okio.buffer(new ForwardingSource(body.source()) {
                private long read;
                private long windowStart = System.nanoTime();
                private long inWindow;

                @Override
                public long read(Buffer sink, long byteCount) throws IOException {
                    long n = super.read(sink, byteCount);
                    read += Math.max(n, 0);
                    if (read > max) {
                        throw new Exceeded(max);
                    }
                    inWindow += Math.max(n, 0);
                    long now = System.nanoTime();
                    if (n >= 0 && now - windowStart >= window) {
                        if (inWindow < slowestBytes) {
                            throw new Trickling(inWindow, now - windowStart);
                        }
                        windowStart = now;
                        inWindow = 0;
                    }
                    return n;
                }
            });
        }

        @Override
        public MediaType contentType() {
            return body.contentType();
        }

        @Override
        public long contentLength() {
            return body.contentLength();
        }

            @Override
        public BufferedSource source() {
            return source;
        }
    }
}
