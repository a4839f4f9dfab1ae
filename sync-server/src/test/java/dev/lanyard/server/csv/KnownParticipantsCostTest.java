package dev.lanyard.server.csv;

import static dev.lanyard.server.support.QueryPlans.scanCount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.server.db.Database;
import dev.lanyard.server.support.QueryPlans;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import batch looks up the participants its rows name by e-mail and ticket code. The lookup
 * must read those rows, not every participant of the event: it runs once per 2,000 rows, so a
 * read of the whole event made a 1,000,000-row import quadratic (ADR 0226). H2's
 * {@code EXPLAIN ANALYZE} counts the rows each lookup query read.
 */
class KnownParticipantsCostTest {
    private static final int PEOPLE = 3_000;

    @TempDir
    Path dir;

    @Test
    void aBatchsLookupsReadTheRowsItNamesNotTheWholeEvent() {
        try (Database db = new Database("jdbc:h2:file:" + dir.resolve("people") + ";WRITE_DELAY=0", "sa", "", 2)) {
            DSLContext dsl = db.dsl();
            UUID event = UUID.randomUUID();
            dsl.execute("insert into participant (id, event_id, email_lower, ticket_code, body, updated_seq) "
                    + "select random_uuid(), ?, 'guest' || x || '@example.org', 'T' || x, '{}', x"
                    + " from system_range(1, ?)",
                    event, PEOPLE);

            Query byEmail = KnownParticipants.emailQuery(dsl, List.of(DSL.val("guest7@example.org"),
                    DSL.val("guest70@example.org"), DSL.val("nobody@example.org")));
            Query byTicket = KnownParticipants.ticketQuery(dsl,
                    List.of(DSL.val("T7"), DSL.val("T70"), DSL.val("T-none")));

            assertThat(scanCount(dsl, byEmail)).isLessThanOrEqualTo(10);
            assertThat(scanCount(dsl, byTicket)).isLessThanOrEqualTo(10);
        }
    }

    /**
     * Two live participants sharing an e-mail: the import matches the one with the lowest id, as the walk-in merge
     * does ({@code PatchIngest.walkInMerge}: {@code order by id}). SQL orders UUIDs as unsigned; Java's
     * {@code UUID.compareTo} compares signed longs, so for ids that differ in the top bit the two picked different
     * participants.
     */
    @Test
    void aSharedEmailMatchesTheParticipantTheDatabaseOrdersFirst() {
        try (Database db = new Database("jdbc:h2:file:" + dir.resolve("shared") + ";WRITE_DELAY=0", "sa", "", 2)) {
            DSLContext dsl = db.dsl();
            UUID event = UUID.randomUUID();
            UUID low = UUID.fromString("10000000-0000-7000-8000-000000000001");
            UUID high = UUID.fromString("90000000-0000-7000-8000-000000000001");
            for (UUID id : List.of(high, low)) {
                dsl.execute("insert into participant (id, event_id, email_lower, body, updated_seq) values (?, ?, ?,"
                        + " ?, 1)", id, event, "shared@example.org",
                        dev.lanyard.model.json.Json.write(dev.lanyard.model.Participant.blank(id, event)));
            }
            UUID first = dsl.fetchOne("select id from participant where email_lower = 'shared@example.org'"
                    + " order by id limit 1").get(0, UUID.class);

            KnownParticipants.Found found = new KnownParticipants(db).find(event, List.of("shared@example.org"),
                    List.of());

            assertThat(first).isEqualTo(low);
            assertThat(found.byEmail().get("shared@example.org").id()).isEqualTo(first);
        }
    }

    /**
     * H2 plans a statement when it first prepares it and keeps the plan in its statement cache: a lookup first run
     * while the participant table was empty (a new server's first import) keeps that plan for good. Planned on an
     * empty table, the e-mail lookup took the index on {@code merged_into} (every live participant) rather than the
     * one on e-mails, and the import of 100,000 rows took 120 s; the plan must name the e-mail index even then.
     */
    @Test
    void theEmailLookupPlannedOnAnEmptyTableStillReadsTheEmailIndex() {
        try (Database db = new Database("jdbc:h2:file:" + dir.resolve("empty") + ";WRITE_DELAY=0", "sa", "", 2)) {
            DSLContext dsl = db.dsl();
            List<org.jooq.Field<String>> emails = new java.util.ArrayList<>();
            for (int i = 0; i < 512; i++) {
                emails.add(DSL.val("guest" + i + "@example.org"));
            }

            String plan = QueryPlans.plan(dsl, KnownParticipants.emailQuery(dsl, emails));

            assertThat(plan.toUpperCase(java.util.Locale.ROOT)).contains("PARTICIPANT_EMAIL_LOWER:");
        }
    }
}
