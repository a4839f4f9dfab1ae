package dev.lanyard.server.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.Change;
import dev.lanyard.server.db.Database;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every served entry says when it was committed: a door keeps the time of the entry at its position, so a feed
 * restored from a backup and refilled past that position by other doors is told from the one it read (ADR 0250).
 */
class FeedEntryTimeTest {
    @TempDir
    Path dir;

    @Test
    void pagesAndRealtimeFramesCarryEachEntrysCommitTime() throws Exception {
        try (Database db = new Database("jdbc:h2:file:" + dir.resolve("feed") + ";WRITE_DELAY=0", "sa", "", 2)) {
            UUID event = UUID.randomUUID();
            for (long seq = 1; seq <= 2; seq++) {
                db.dsl().execute("insert into change_log (event_id, seq, change_type, entity_id, body, committed_at)"
                        + " values (?, ?, 'participant', random_uuid(), '{\"n\":1}', ?)", event, seq,
                        1_700_000_000_000L + seq);
            }
            FeedReader reader = new FeedReader(db);

            JsonNode page = Json.mapper().readTree(reader.jsonPage(event, 0, 10).toByteArray());
            assertThat(page.get("changes").get(0).get("at").asLong()).isEqualTo(1_700_000_000_001L);
            assertThat(Json.mapper().treeToValue(page.get("changes").get(1), Change.class).at())
                    .isEqualTo(1_700_000_000_002L);

            StringBuilder frame = new StringBuilder();
            reader.page(event, 1, 1).changes().get(0).writeJson(frame);
            assertThat(Json.mapper().readValue(frame.toString(), Change.class).at()).isEqualTo(1_700_000_000_002L);
        }
    }
}
