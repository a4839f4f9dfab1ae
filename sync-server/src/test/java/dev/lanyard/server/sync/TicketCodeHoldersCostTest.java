package dev.lanyard.server.sync;

import static dev.lanyard.server.support.QueryPlans.scanCount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.server.db.Database;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every push that writes participants (walk-ins, edits) and every import asks who holds their
 * ticket codes, 500 codes at a time. The question must read the rows holding those codes, not
 * every participant of the event: with {@code event_id = ?} in the WHERE, H2 read the event's
 * index and filtered, so setting up a 1,000,000-participant event through pushes ran for more
 * than 15 minutes (ADR 0226 found the same in the import). H2's {@code EXPLAIN ANALYZE} counts
 * the rows a query read.
 */
class TicketCodeHoldersCostTest {
    private static final int PEOPLE = 3_000;

    @TempDir
    Path dir;

    @Test
    void askingWhoHoldsACodeReadsTheRowsHoldingItNotTheWholeEvent() {
        try (Database db = new Database("jdbc:h2:file:" + dir.resolve("people") + ";WRITE_DELAY=0", "sa", "", 2)) {
            DSLContext dsl = db.dsl();
            UUID event = UUID.randomUUID();
            dsl.execute("insert into participant (id, event_id, email_lower, ticket_code, body, updated_seq) "
                    + "select random_uuid(), ?, 'guest' || x || '@example.org', 'T' || x, '{}', x"
                    + " from system_range(1, ?)", event, PEOPLE);

            Query holders = TicketCodeHolders.holdersQuery(dsl, List.of("T7", "T70", "T-none"));

            assertThat(scanCount(dsl, holders)).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void aCodeHeldInAnotherEventIsFreeInThisOne() {
        try (Database db = new Database("jdbc:h2:file:" + dir.resolve("two") + ";WRITE_DELAY=0", "sa", "", 2)) {
            DSLContext dsl = db.dsl();
            UUID here = UUID.randomUUID();
            UUID there = UUID.randomUUID();
            UUID holder = UUID.randomUUID();
            dsl.execute("insert into participant (id, event_id, email_lower, ticket_code, body, updated_seq) "
                    + "values (random_uuid(), ?, 'a@example.org', 'T1', '{}', 1),"
                    + " (?, ?, 'b@example.org', 'T2', '{}', 2)",
                    there, holder, here);

            TicketCodeHolders holders = new TicketCodeHolders(dsl, here);
            holders.load(List.of("T1", "T2"));

            assertThat(holders.holder("T1")).isNull();
            assertThat(holders.holder("T2")).isEqualTo(holder);
        }
    }
}
