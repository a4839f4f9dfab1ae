package dev.lanyard.server.feed;

import static dev.lanyard.server.db.jooq.Tables.CHANGE_LOG;

import dev.lanyard.server.db.Database;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.Cursor;
import org.jooq.Record4;

/**
 * Reads an event's change feed in seq order. Bodies are stored as the JSON the feed serves, so
 * pages are assembled from the stored text without parsing it again: that is what makes a
 * 100,000-participant bootstrap a matter of seconds.
 */
public final class FeedReader {
    public static final int MAX_LIMIT = 200_000;
    private final Database db;

    public FeedReader(Database db) {
        this.db = db;
    }

    /** One stored change: its JSON data is kept as text. */
    public record RawChange(long seq, String type, String data, long committedAt) {
        public void writeJson(StringBuilder out) {
            out.append("{\"seq\":").append(seq).append(",\"type\":\"").append(type).append("\",\"data\":").append(data).append('}');
        }
    }

    public record RawPage(List<RawChange> changes, long lastSeq, boolean hasMore) {
    }

    public RawPage page(UUID eventId, long after, int limit) {
        List<RawChange> changes = new ArrayList<>(Math.min(limit, 1024));
        boolean[] more = {false};
        db.dsl().select(CHANGE_LOG.SEQ, CHANGE_LOG.CHANGE_TYPE, CHANGE_LOG.BODY, CHANGE_LOG.COMMITTED_AT).from(CHANGE_LOG)
                .where(CHANGE_LOG.EVENT_ID.eq(eventId)).and(CHANGE_LOG.SEQ.gt(after))
                .orderBy(CHANGE_LOG.SEQ).limit(limit + 1)
                .forEach(r -> {
                    if (changes.size() == limit) {
                        more[0] = true;
                    } else {
                        changes.add(new RawChange(r.value1(), r.value2(), r.value3(), r.value4()));
                    }
                });
        long last = changes.isEmpty() ? after : changes.get(changes.size() - 1).seq();
        return new RawPage(changes, last, more[0]);
    }

    public long lastSeq(UUID eventId) {
        Long last = db.dsl().select(CHANGE_LOG.SEQ.max()).from(CHANGE_LOG).where(CHANGE_LOG.EVENT_ID.eq(eventId)).fetchOne(0, Long.class);
        return last == null ? 0 : last;
    }

    /**
     * Streams a page as the contract's JSON ({@code {"changes":[...],"lastSeq":n,"hasMore":b}})
     * straight from a database cursor, so a bootstrap never holds the whole feed in memory.
     */
    public void stream(UUID eventId, long after, int limit, OutputStream out) {
        db.dsl().transaction(cfg -> {
            try (Cursor<Record4<Long, String, String, Long>> cursor = cfg.dsl()
                    .select(CHANGE_LOG.SEQ, CHANGE_LOG.CHANGE_TYPE, CHANGE_LOG.BODY, CHANGE_LOG.COMMITTED_AT).from(CHANGE_LOG)
                    .where(CHANGE_LOG.EVENT_ID.eq(eventId)).and(CHANGE_LOG.SEQ.gt(after))
                    .orderBy(CHANGE_LOG.SEQ).limit(limit + 1).fetchSize(2_000).fetchLazy()) {
                StringBuilder buf = new StringBuilder(64 * 1024);
                buf.append("{\"changes\":[");
                long last = after;
                int count = 0;
                boolean more = false;
                while (cursor.hasNext()) {
                    Record4<Long, String, String, Long> r = cursor.fetchNext();
                    if (count == limit) {
                        more = true;
                        break;
                    }
                    if (count > 0) {
                        buf.append(',');
                    }
                    new RawChange(r.value1(), r.value2(), r.value3(), r.value4()).writeJson(buf);
                    last = r.value1();
                    count++;
                    if (buf.length() > 60 * 1024) {
                        flush(buf, out);
                    }
                }
                buf.append("],\"lastSeq\":").append(last).append(",\"hasMore\":").append(more).append('}');
                flush(buf, out);
            }
        });
    }

    private static void flush(StringBuilder buf, OutputStream out) {
        try {
            out.write(buf.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buf.setLength(0);
    }
}
