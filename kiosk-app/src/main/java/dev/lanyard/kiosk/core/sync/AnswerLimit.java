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

    /** The limit a request asks for, as its tag; a request without one gets {@link #DEFAULT_BYTES}. */
    record Bytes(long max) {
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
        return response.newBuilder().body(new Bounded(body, limit == null ? DEFAULT_BYTES : limit.max())).build();
    }

    private static final class Bounded extends ResponseBody {
        private final ResponseBody body;
        private final BufferedSource source;

        Bounded(ResponseBody body, long max) {
            this.body = body;
            this.source = Okio.buffer(new ForwardingSource(body.source()) {
                private long read;

                @Override
                public long read(Buffer sink, long byteCount) throws IOException {
                    long n = super.read(sink, byteCount);
                    read += Math.max(n, 0);
                    if (read > max) {
                        throw new Exceeded(max);
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
