package dev.lanyard.server.feed;

import static dev.lanyard.server.db.jooq.Tables.CHANGE_LOG;
import static dev.lanyard.server.db.jooq.Tables.FEED_COUNTER;

import dev.lanyard.server.db.Database;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record4;
import org.jooq.ResultQuery;

/**
 * Reads an event's change feed in seq order. Bodies are stored as the JSON the feed serves, so
 * pages are assembled from the stored text without parsing it again: that is what makes a
 * 100,000-participant bootstrap a matter of seconds.
 */
public final class FeedReader {
    public static final int MAX_LIMIT = 200_000;
    /**
     * A page stops after the entry that reaches this many bytes of JSON. 2 MB is 6,000-7,000
     * participants: a 100,000-participant bootstrap is some 15 pages, and each request costs one
     * short query, while a slow reader pins no more than this in memory (at most one page per
     * HTTP thread, {@code AppFactory.HTTP_THREADS}).
     */
    public static final int MAX_PAGE_BYTES = 2 << 20;
    /** Entries a page's query asks for at a time (one more, to tell whether the feed goes on). */
    static final int CHUNK = 1_000;
    private final Database db;

    public FeedReader(Database db) {
        this.db = db;
    }

    /**
     * One stored change: its JSON data is kept as text. It is served with {@code at}, when it was committed: a door
     * keeps the one of the entry at its position and so tells a feed restored from a backup and refilled past that
     * position by other doors from the one it read (ADR 0250).
     */
    public record RawChange(long seq, String type, String data, long committedAt) {
        public void writeJson(StringBuilder out) {
            out.append("{\"seq\":").append(seq).append(",\"type\":\"").append(type).append("\",\"at\":")
                    .append(committedAt).append(",\"data\":").append(data).append('}');
        }
    }

    public record RawPage(List<RawChange> changes, long lastSeq, boolean hasMore) {
    }

    /** At most {@code limit} changes, and no more after the one that reaches {@link #MAX_PAGE_BYTES} of data. */
    public RawPage page(UUID eventId, long after, int limit) {
        List<RawChange> changes = new ArrayList<>(Math.min(limit, 1024));
        boolean[] more = {false};
        long[] bytes = {0};
        pageQuery(db.dsl(), eventId, after, limit)
                .forEach(r -> {
                    if (changes.size() == limit || bytes[0] >= MAX_PAGE_BYTES) {
                        more[0] = true;
                    } else {
                        changes.add(new RawChange(r.value1(), r.value2(), r.value3(), r.value4()));
                        bytes[0] += r.value3().length();
                    }
                });
        long last = changes.isEmpty() ? after : changes.get(changes.size() - 1).seq();
        return new RawPage(changes, last, more[0]);
    }

    /**
     * The entries after {@code after}, one more than {@code limit} (to tell {@code hasMore}). The
     * order names the whole key (event_id, seq), not seq alone: only then does H2 read the page off
     * the key in order; for {@code ORDER BY seq} it read every later entry of the event and sorted
     * them, bodies and all, so a page cost the rest of the feed (ADR 0225).
     */
    static ResultQuery<Record4<Long, String, String, Long>> pageQuery(DSLContext dsl, UUID eventId, long after,
            int limit) {
        return dsl.select(CHANGE_LOG.SEQ, CHANGE_LOG.CHANGE_TYPE, CHANGE_LOG.BODY, CHANGE_LOG.COMMITTED_AT)
                .from(CHANGE_LOG)
                .where(CHANGE_LOG.EVENT_ID.eq(eventId)).and(CHANGE_LOG.SEQ.gt(after))
                .orderBy(CHANGE_LOG.EVENT_ID, CHANGE_LOG.SEQ).limit(limit + 1);
    }

    public long lastSeq(UUID eventId) {
        Long last = db.dsl().select(CHANGE_LOG.SEQ.max()).from(CHANGE_LOG).where(CHANGE_LOG.EVENT_ID.eq(eventId))
                .fetchOne(0, Long.class);
        return last == null ? 0 : last;
    }

    /**
     * A page as the contract's JSON ({@code {"changes":[...],"lastSeq":n,"hasMore":b,"headSeq":h}}),
     * read straight from a database cursor and held as UTF-8 bytes. It is read whole before a byte
     * is written so that the pool connection is back before a slow client is served: a kiosk on
     * bad Wi-Fi must not hold a connection a door's push needs. {@link #MAX_PAGE_BYTES} bounds the
     * memory that costs; a client asking for more gets {@code hasMore} and pages on.
     * {@code headSeq} is read after the page, so it is never below the page's {@code lastSeq}.
     */
    public JsonPage jsonPage(UUID eventId, long after, int limit) {
        return db.dsl().transactionResult(cfg -> {
            JsonPage page = new JsonPage();
            StringBuilder buf = new StringBuilder(64 * 1024);
            buf.append("{\"changes\":[");
            long last = after;
            int count = 0;
            boolean more = false;
            boolean ended = false;
            while (!more && !ended) {
                // H2 builds a query's whole result before the first row is taken: a page asks for a chunk at a
                // time, so a page cut at MAX_PAGE_BYTES reads at most a chunk it does not serve
                boolean full = page.size() + buf.length() >= MAX_PAGE_BYTES;
                // a full page only asks whether another entry follows
                int asked = full ? 0 : Math.min(CHUNK, limit - count);
                int read = 0;
                try (Cursor<Record4<Long, String, String, Long>> cursor =
                        pageQuery(cfg.dsl(), eventId, last, asked).fetchSize(asked + 1).fetchLazy()) {
                    while (cursor.hasNext()) {
                        // buf's chars stand in for its bytes: the bound is "about", and holds to within one chunk
                        if (count == limit || page.size() + buf.length() >= MAX_PAGE_BYTES) {
                            more = true;
                            break;
                        }
                        Record4<Long, String, String, Long> r = cursor.fetchNext();
                        read++;
                        if (count > 0) {
                            buf.append(',');
                        }
                        new RawChange(r.value1(), r.value2(), r.value3(), r.value4()).writeJson(buf);
                        last = r.value1();
                        count++;
                        if (buf.length() > 60 * 1024) {
                            page.append(buf);
                            buf.setLength(0);
                        }
                    }
                }
                ended = read <= asked; // the query asks for one more than it may serve
            }
            long head = Math.max(last, headSeq(cfg.dsl(), eventId));
            buf.append("],\"lastSeq\":").append(last).append(",\"hasMore\":").append(more).append(",\"headSeq\":")
                    .append(head).append('}');
            page.append(buf);
            return page;
        });
    }

    /**
     * The event's feed position: every entry up to it has committed (the counter moves in the transaction that appends
     * them, ADR 0200); 0 for an event with no feed yet.
     */
    public static long headSeq(DSLContext dsl, UUID eventId) {
        Long seq = dsl.select(FEED_COUNTER.LAST_SEQ).from(FEED_COUNTER).where(FEED_COUNTER.EVENT_ID.eq(eventId))
                .fetchOne(FEED_COUNTER.LAST_SEQ);
        return seq == null ? 0 : seq;
    }

    /** A feed page's JSON in UTF-8, written without copying. */
    public static final class JsonPage extends ByteArrayOutputStream {
        JsonPage() {
            super(64 * 1024);
        }

        void append(CharSequence text) {
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            write(bytes, 0, bytes.length);
        }
    }
}
