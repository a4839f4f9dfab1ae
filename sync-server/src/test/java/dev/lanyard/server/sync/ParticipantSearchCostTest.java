package dev.lanyard.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.Ids;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.clock.HybridLogicalClock;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's participant list searches as the organizer types (every 250 ms). It read and parsed every participant
 * of the event for each search, even one whose page filled with the first names it met: a second or more per
 * keystroke for 100,000 people, beside the doors' pushes. H2's query statistics count how often each statement ran.
 */
class ParticipantSearchCostTest {
    private static final int PEOPLE = 5_000;

    @TempDir
    Path dir;

    @Test
    void aSearchWhosePageFillsReadsNoFurtherThanItsPage() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            List<ParticipantPatch> patches = new ArrayList<>();
            for (int n = 0; n < PEOPLE; n++) {
                patches.add(ParticipantPatch.of(f.event.id(), Ids.newId(), Map.of("name", "Guest " + n),
                        new Hlc(1_700_000_000_000L, n, "import")));
            }
            f.server.pushService().push(f.event, PushService.Batch.ofPatches(patches));
            ParticipantSearch search = new ParticipantSearch(f.server.database(), new ParticipantService(
                    f.server.database(), f.server.pushService(), new HybridLogicalClock("server")));
            DSLContext dsl = f.server.database().dsl();
            dsl.execute("SET QUERY_STATISTICS TRUE");
            try {
                ParticipantSearch.Result result = search.search(f.event,
                        new ParticipantSearch.Query("guest", null, null, 50));

                assertThat(result.hits()).hasSize(50);
                assertThat(result.more()).isTrue();
                assertThat(pagesRead(dsl)).isEqualTo(1);
            } finally {
                dsl.execute("SET QUERY_STATISTICS FALSE");
            }
        }
    }

    @Test
    void aWalkInMergedIntoARegistrationIsListedWithItAndNotFoundOnItsOwn() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            var registered = f.server.admin().addParticipant(f.event.id(),
                    Map.of("name", "Kim Registered", "email", "kim@example.org"));
            Fixture.PairedDevice door = f.pairDevice();
            java.util.UUID walkIn = Ids.newId();
            var pushed = door.api().post(f.eventPath() + "/ops", new dev.lanyard.model.protocol.PushRequest(
                    door.id().toString(), null, List.of(new ParticipantPatch(Ids.newId(), null, walkIn,
                    Map.of("name", "Kim Walk-in", "email", "kim@example.org", "source", "walk_in"),
                    new Hlc(System.currentTimeMillis(), 0, door.id().toString()), null)), null, null));
            assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
            ParticipantSearch search = new ParticipantSearch(f.server.database(), new ParticipantService(
                    f.server.database(), f.server.pushService(), new HybridLogicalClock("server")));

            assertThat(search.mergedInto(f.event, registered.id())).extracting(p -> p.id()).containsExactly(walkIn);
            assertThat(search.search(f.event, new ParticipantSearch.Query("kim", null, null, 50)).hits())
                    .extracting(h -> h.participant().id()).containsExactly(registered.id());
        }
    }

    /** Runs of the query that reads participants' records a page at a time. */
    private static int pagesRead(DSLContext dsl) {
        return dsl.fetch("SELECT EXECUTION_COUNT FROM INFORMATION_SCHEMA.QUERY_STATISTICS"
                + " WHERE UPPER(SQL_STATEMENT) LIKE 'SELECT %PARTICIPANT.ID%PARTICIPANT.BODY%FROM%PARTICIPANT%'"
                + " AND UPPER(SQL_STATEMENT) NOT LIKE '%QUERY_STATISTICS%'")
                .stream().mapToInt(r -> r.get(0, Integer.class)).sum();
    }
}
