package dev.lanyard.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.Ids;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.TicketCodes;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.model.protocol.OpStatus;
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
 * Who holds a ticket code is asked per batch of codes, not per participant: an import of 5,000
 * rows asked 5,000 times (one PostgreSQL round trip each) since ticket codes became unique. H2
 * counts the statements it runs (QUERY_STATISTICS), so the test counts what the push asked.
 */
class TicketCodeLookupsTest {
    @TempDir
    Path dir;

    @Test
    void aBatchOfNewParticipantsAsksWhoHoldsTheirCodesOncePerChunkNotOncePerParticipant() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            DSLContext dsl = f.server.database().dsl();
            List<ParticipantPatch> patches = new ArrayList<>();
            for (int n = 0; n < 500; n++) {
                patches.add(ParticipantPatch.of(f.event.id(), Ids.newId(),
                        Map.of("name", "Guest " + n, "ticketCode", TicketCodes.generate()),
                        new Hlc(1_700_000_000_000L, n, "import")));
            }
            dsl.execute("SET QUERY_STATISTICS TRUE");

            List<OpResult> results = f.server.pushService().push(f.event, PushService.Batch.ofPatches(patches))
                    .patches();

            assertThat(results).extracting(OpResult::status).containsOnly(OpStatus.ACCEPTED);
            long lookups =
                    ((Number)
                    dsl.fetchValue("select coalesce(sum(execution_count), 0) from information_schema.query_statistics"
                    + " where lower(sql_statement) like 'select%ticket_code%'")).longValue();
            assertThat(lookups).isBetween(1L, 2L);
        }
    }
}
