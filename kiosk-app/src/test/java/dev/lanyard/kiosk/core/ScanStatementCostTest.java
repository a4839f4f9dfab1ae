package dev.lanyard.kiosk.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.support.RenderedStatements;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.ScanOutcome;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan's transaction holds the replica's one writer, and the sync's transactions wait for it as it waits for theirs.
 * jOOQ renders and binds a query anew every time it runs: measured, more than half of a scan's transaction (ADR 0331).
 * The statements a scan runs are fixed SQL, run through plain JDBC; a jOOQ listener on the replica sees none of them.
 */
class ScanStatementCostTest {
    @TempDir
    Path dir;
    Kiosk kiosk;
    Event event;
    List<Participant> people;

    @BeforeEach
    void open() {
        event = Seed.event(ReentryPolicy.WARN);
        people = Seed.guests(event.id(), 3);
        kiosk = Seed.kiosk(dir, event, people);
        scan(people.get(0));
    }

    @AfterEach
    void close() {
        kiosk.close();
    }

    @Test
    void anAdmissionRendersNoStatement() {
        List<String> rendered = RenderedStatements.from(KioskReplica.of(kiosk));

        assertThat(scan(people.get(1))).isEqualTo(ScanOutcome.ADMITTED);

        assertThat(rendered).isEmpty();
    }

    @Test
    void aReentryRendersNoStatement() {
        List<String> rendered = RenderedStatements.from(KioskReplica.of(kiosk));

        assertThat(scan(people.get(0))).isEqualTo(ScanOutcome.REENTRY);

        assertThat(rendered).isEmpty();
    }

    private ScanOutcome scan(Participant p) {
        return kiosk.checkIns().scan(event.id(), p.ticketCode(), null).join().outcome();
    }
}
