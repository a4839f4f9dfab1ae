package dev.lanyard.server.sync;

import static dev.lanyard.server.support.QueryPlans.scanCount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.server.db.Database;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard shows an event's latest scan attempts. With an index on the event alone, H2 read every attempt the
 * event had and sorted them to keep the last {@value EventActivity#RECENT_ATTEMPTS}: each panel cost more with every
 * scan the venue made (ADR 0246). H2's {@code EXPLAIN ANALYZE} counts the rows a query read.
 */
class RecentAttemptsCostTest {
    private static final int ATTEMPTS = 5_000;

    @TempDir
    Path dir;

    @Test
    void theLatestAttemptsAreReadWithoutReadingTheEventsOthers() {
        try (Database db = new Database("jdbc:h2:file:" + dir.resolve("attempts") + ";WRITE_DELAY=0", "sa", "", 2)) {
            DSLContext dsl = db.dsl();
            UUID event = UUID.randomUUID();
            insertAttempts(dsl, event, ATTEMPTS);

            long read = scanCount(dsl, EventActivity.recentAttemptsQuery(dsl, event));

            assertThat(read).isLessThanOrEqualTo(EventActivity.RECENT_ATTEMPTS + 1);
        }
    }

    @Test
    void theLatestAttemptsAreTheEventsNewestFirst() {
        try (Database db = new Database("jdbc:h2:file:" + dir.resolve("order") + ";WRITE_DELAY=0", "sa", "", 2)) {
            DSLContext dsl = db.dsl();
            UUID event = UUID.randomUUID();
            UUID other = UUID.randomUUID();
            insertAttempts(dsl, other, 3_000);
            insertAttempts(dsl, event, 2_500);

            List<String> bodies = EventActivity.recentAttemptsQuery(dsl, event).fetch(r -> r.value1());

            assertThat(bodies).hasSize(EventActivity.RECENT_ATTEMPTS)
                    .startsWith("{\"n\":2500}", "{\"n\":2499}").endsWith("{\"n\":501}");
        }
    }

    private static void insertAttempts(DSLContext dsl, UUID event, int count) {
        dsl.execute("insert into scan_attempt (attempt_id, event_id, body, seq)"
                + " select random_uuid(), ?, '{\"n\":' || x || '}', x from system_range(1, ?)", event, count);
    }
}
