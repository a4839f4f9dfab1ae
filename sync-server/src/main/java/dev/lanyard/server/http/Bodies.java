package dev.lanyard.server.http;

import dev.lanyard.server.errors.InvalidInputException;
import dev.lanyard.model.json.InvalidMessageException;
import dev.lanyard.model.json.Json;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads request bodies with a size limit and strict UTF-8, turning every problem into a 4xx that names it. */
public final class Bodies {
    private Bodies() {
    }

    /**
     * The bound of a request that names a person, a password or a device (sign-in, pairing, accounts, a peer key):
     * each is a few hundred bytes. Sign-in and pairing are open to anyone on the network, and 200 requests at once
     * (the HTTP threads) each bound as high as a push would hold 1.6 GB (ADR 0238).
     */
    public static final long SMALL_BODY = 64 * 1024;

    /**
     * Up to this much of a too-large body is read and dropped, so the client gets to read the 413 instead of a reset.
     */
    static final long DRAIN_LIMIT = 64L << 20;

    public static byte[] bytes(Context ctx, long limit) {
        refuseIfDropped(ctx);
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            drain(ctx);
            throw ApiException.tooLarge("body is " + declared + " bytes; the limit is " + limit);
        }
        BodyBudget budget = ctx.attribute(BodyBudget.ATTRIBUTE);
        long taken = 0;
        try (InputStream in = ctx.req().getInputStream()) {
            // grown as bytes arrive, not sized by what the client declares: a request that says 8 MB and sends
            // nothing would otherwise hold 8 MB of heap for as long as it stalls
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 8192), 64 * 1024));
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > limit) {
                    drain(ctx);
                    throw ApiException.tooLarge("body is larger than the limit of " + limit + " bytes");
                }
                // the buffer holds up to twice what arrived while it grows
                long wanted = 2 * total - taken;
                if (budget != null && wanted > 0) {
                    if (!budget.tryTake(wanted)) {
                        budget.give(taken);
                        taken = 0;
                        out = null; // dropped with the rest of the body
                        drain(ctx);
                        throw overBudget(ctx);
                    }
                    taken += wanted;
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            // what a handler does with a body it has is quick and bounded by its route; what a client controls is
            // how long the body takes to arrive
            if (budget != null) {
                budget.give(taken);
            }
        }
    }

    /** A body dropped as it arrived (ADR 0240) is answered as {@link #bytes} would answer it. */
    private static void refuseIfDropped(Context ctx) {
        BodyPrefetch.Dropped dropped = ctx.attribute(BodyPrefetch.DROPPED);
        if (dropped == BodyPrefetch.Dropped.OVER_BUDGET) {
            throw overBudget(ctx);
        }
        if (dropped == BodyPrefetch.Dropped.OVER_CAP) {
            throw ApiException.tooLarge("body is over the limit (only a guest list that says its length may be longer"
                    + " than a JSON body)");
        }
    }

    /**
     * The server holds as many arriving bodies as it may: the rest of this one was read and dropped, as a body over
     * its route's limit is, so the client gets to read the answer (closing instead lost it to a reset while the
     * client still sent); a door waits the Retry-After as for a full write queue.
     */
    private static ApiException overBudget(Context ctx) {
        ctx.header("Retry-After", "2");
        return new ApiException(429, "busy", "the server is receiving as many request bodies as it may hold;"
                + " send again in 2 s");
    }

    /**
     * Refuses, before a byte is read, a body that does not say its length (411) or says more than {@code limit}
     * (413): for bodies a library reads whole into memory (forms), which would otherwise read whatever comes.
     */
    public static void declaredAtMost(Context ctx, long limit) {
        refuseIfDropped(ctx);
        long declared = ctx.req().getContentLengthLong();
        String transfer = ctx.header("Transfer-Encoding");
        if (declared < 0 && transfer != null && !transfer.isBlank()) {
            drain(ctx); // read and dropped, bounded as any refused body, so the client gets to read the answer
            throw new ApiException(411, "length_required", "a form must say its length (Content-Length)");
        }
        if (declared > limit) {
            drain(ctx);
            throw ApiException.tooLarge("body is " + declared + " bytes; the limit is " + limit);
        }
    }

    /**
     * The body as a stream that refuses to read past {@code limit} (413), for bodies read as they
     * arrive rather than held (CSV imports).
     */
    public static Limited stream(Context ctx, long limit) {
        refuseIfDropped(ctx);
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            drain(ctx);
            throw ApiException.tooLarge("body is " + declared + " bytes; the limit is " + limit);
        }
        try {
            return new Limited(ctx, ctx.req().getInputStream(), limit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request body read through a byte count. */
    public static final class Limited extends java.io.FilterInputStream {
        private final Context ctx;
        private final long limit;
        private long count;

        private Limited(Context ctx, InputStream in, long limit) {
            super(in);
            this.ctx = ctx;
            this.limit = limit;
        }

        /** Bytes read so far. */
        public long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        private void counted(long n) {
            count += n;
            if (count > limit) {
                drain(ctx);
                throw ApiException.tooLarge("body is larger than the limit of " + limit + " bytes");
            }
        }
    }

    private static void drain(Context ctx) {
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] buf = new byte[64 * 1024];
            long dropped = 0;
            int n;
            while (dropped < DRAIN_LIMIT && (n = in.read(buf)) > 0) {
                dropped += n;
            }
        } catch (IOException ignored) {
            // the client gave up; the 413 goes out if it still can
        }
    }

    public static void requireUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("invalid_encoding", "body is not valid UTF-8");
        }
    }

    public static <T> T json(Context ctx, Class<T> type, long limit) {
        byte[] body = bytes(ctx, limit);
        if (body.length == 0) {
            throw new InvalidInputException("body is empty; expected a JSON object");
        }
        requireUtf8(body);
        try {
            T value = Json.read(body, type);
            if (value == null) {
                throw new InvalidInputException("body must be a JSON object, not null");
            }
            return value;
        } catch (InvalidMessageException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }
}
