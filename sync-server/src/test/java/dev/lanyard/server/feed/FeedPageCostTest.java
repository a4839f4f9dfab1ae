package dev.lanyard.server.feed;

import static dev.lanyard.server.support.QueryPlans.scanCount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.server.db.Database;
import java.nio.file.Path;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feed page must cost what the page holds, not what the feed holds after it. H2 reads
 * {@code ORDER BY seq} off the (event_id, seq) key only when the ORDER BY names the key's columns
 * from the first: otherwise it reads every later entry of the event, sorts them (bodies and all)
 * and keeps the first page, so a bootstrap of n entries cost n²/page rows (ADR 0225). H2's
 * {@code EXPLAIN ANALYZE} counts the rows the page query actually read.
 */
class FeedPageCostTest {
    private static final int ENTRIES = 3_000;
    private static final int PAGE = 100;

    @TempDir
    Path dir;

    @Test
    void aPageQueryReadsThePageNotTheRestOfTheFeed() {
        try (Database db = new Database("jdbc:h2:file:" + dir.resolve("feed") + ";WRITE_DELAY=0", "sa", "", 2)) {
            UUID event = UUID.randomUUID();
            fill(db.dsl(), event, ENTRIES);
            fill(db.dsl(), UUID.randomUUID(), ENTRIES);

            for (long after : new long[] {0, ENTRIES / 2}) {
                String plan = (String) db.dsl().fetchValue("EXPLAIN ANALYZE " + db.dsl().renderInlined(
                        FeedReader.pageQuery(db.dsl(), event, after, PAGE)));
                assertThat(plan).contains("index sorted");
                assertThat(scanCount(plan)).as(plan).isLessThanOrEqualTo(PAGE + 2);
            }
        }
    }

    /**
     * A client may ask for up to {@link FeedReader#MAX_LIMIT} entries; the page then ends at
     * {@link FeedReader#MAX_PAGE_BYTES}. H2 builds a query's whole result before the first row is taken, so
     * the page's query must not ask for more than it can serve: asked for 200,001 it read the rest of the
     * feed, bodies and all, for every page of a bootstrap.
     */
    @Test
    void aPageCutAtItsSizeReadsLittleMoreThanItServes() {
        try (Database db = new Database("jdbc:h2:file:" + dir.resolve("big") + ";WRITE_DELAY=0", "sa", "", 2)) {
            UUID event = UUID.randomUUID();
            fill(db.dsl(), event, ENTRIES, 4_000);
            db.dsl().execute("SET QUERY_STATISTICS TRUE");

            String json = new FeedReader(db).jsonPage(event, 0, FeedReader.MAX_LIMIT)
                    .toString(java.nio.charset.StandardCharsets.UTF_8);

            int served = json.split("\\{\"seq\":", -1).length - 1;
            assertThat(json).contains("\"hasMore\":true");
            assertThat(served).isLessThan(ENTRIES / 2);
            long read = ((Number) db.dsl().fetchValue("select coalesce(sum(cumulative_row_count), 0)"
                    + " from information_schema.query_statistics where lower(sql_statement) like '%from%change_log%'"))
                    .longValue();
            assertThat(read).isLessThanOrEqualTo(served + FeedReader.CHUNK + 1L);
        }
    }

    @Test
    void pagesReadAChunkAtATimeStillWalkTheWholeFeedInOrder() throws Exception {
        try (Database db = new Database("jdbc:h2:file:" + dir.resolve("chunks") + ";WRITE_DELAY=0", "sa", "", 2)) {
            UUID event = UUID.randomUUID();
            int entries = 2 * FeedReader.CHUNK + 500;
            fill(db.dsl(), event, entries);
            fill(db.dsl(), UUID.randomUUID(), 300);
            FeedReader reader = new FeedReader(db);
            for (int limit : new int[] {FeedReader.CHUNK, FeedReader.CHUNK + 1, 2 * FeedReader.CHUNK + 500,
                    FeedReader.MAX_LIMIT}) {
                long after = 0;
                long expected = 1;
                boolean more = true;
                while (more) {
                    com.fasterxml.jackson.databind.JsonNode page = dev.lanyard.model.json.Json.mapper().readTree(
                            reader.jsonPage(event, after, limit).toByteArray());
                    assertThat(page.get("changes").size()).as("limit %d after %d", limit, after)
                            .isEqualTo((int) Math.min(limit, entries - after));
                    for (com.fasterxml.jackson.databind.JsonNode change : page.get("changes")) {
                        assertThat(change.get("seq").asLong()).isEqualTo(expected++);
                    }
                    assertThat(page.get("lastSeq").asLong()).isEqualTo(expected - 1);
                    after = page.get("lastSeq").asLong();
                    more = page.get("hasMore").asBoolean();
                }
                assertThat(expected - 1).as("limit %d", limit).isEqualTo(entries);
            }
        }
    }

    @Test
    void pagesStillWalkTheWholeFeedInOrder() {
        try (Database db = new Database("jdbc:h2:file:" + dir.resolve("walk") + ";WRITE_DELAY=0", "sa", "", 2)) {
            UUID event = UUID.randomUUID();
            fill(db.dsl(), UUID.randomUUID(), 500);
            fill(db.dsl(), event, 750);
            fill(db.dsl(), UUID.randomUUID(), 500);
            FeedReader reader = new FeedReader(db);
            long after = 0;
            long expected = 1;
            boolean more = true;
            while (more) {
                FeedReader.RawPage page = reader.page(event, after, PAGE);
                for (FeedReader.RawChange change : page.changes()) {
                    assertThat(change.seq()).isEqualTo(expected++);
                }
                after = page.lastSeq();
                more = page.hasMore();
            }
            assertThat(expected - 1).isEqualTo(750);
            String json = reader.jsonPage(event, 700, PAGE).toString(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(json).startsWith("{\"changes\":[{\"seq\":701,")
                    .endsWith("\"lastSeq\":750,\"hasMore\":false,\"headSeq\":750}");
        }
    }

    private static void fill(DSLContext dsl, UUID event, int entries) {
        fill(dsl, event, entries, 0);
    }

    /** Entries whose data carries {@code padding} more characters. */
    private static void fill(DSLContext dsl, UUID event, int entries, int padding) {
        dsl.execute("insert into change_log (event_id, seq, change_type, entity_id, body, committed_at) "
                + "select ?, x, 'participant', random_uuid(), '{\"n\":' || x || ',\"pad\":\"' || repeat('x', ?)"
                + " || '\"}', 0 from system_range(1, ?)", event, padding, entries);
    }
}
