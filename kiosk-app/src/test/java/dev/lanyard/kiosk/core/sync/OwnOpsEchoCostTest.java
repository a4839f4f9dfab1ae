package dev.lanyard.kiosk.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.support.RenderedStatements;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.ScanOutcome;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.Change;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A door that scans sends its ops, and the feed brings them back: the transaction that applies them confirms them in
 * the outbox while the desk's next scan waits for the replica's one writer. Confirmed one by one, a page of the door's
 * own ops cost two statements each (ADR 0330). H2's query statistics count the statements.
 */
class OwnOpsEchoCostTest {
    static final int PEOPLE = 600;
    @TempDir
    Path dir;
    Kiosk kiosk;
    Event event;
    List<Participant> people;

    @BeforeEach
    void open() {
        event = Seed.event(ReentryPolicy.WARN);
        people = Seed.guests(event.id(), PEOPLE);
        kiosk = Seed.kiosk(dir, event, people);
        for (Participant p : people) {
            assertThat(kiosk.checkIns().scan(event.id(), p.ticketCode(), null).join().outcome())
                    .isEqualTo(ScanOutcome.ADMITTED);
        }
    }

    @AfterEach
    void close() {
        kiosk.close();
    }

    @Test
    void aPageOfTheDoorsOwnOpsIsConfirmedInAFewStatementsNotTwoEach() {
        List<Change> echo = acknowledgeEverythingInOnePush();
        KioskReplica.of(kiosk).write(tx -> tx.dsl().execute("SET QUERY_STATISTICS TRUE"));

        applier().apply(event.id(), echo, false);

        long outboxStatements = 0;
        for (Record r : KioskReplica.of(kiosk).write(tx -> tx.dsl().fetch(
                "select sql_statement, execution_count from information_schema.query_statistics"))) {
            if (r.get(0, String.class).toLowerCase(Locale.ROOT).contains("outbox")) {
                outboxStatements += r.get(1, Long.class);
            }
        }
        // before: a select and a delete per op (1,200); now two per 500 ops, the push's rows, and the checks around
        assertThat(outboxStatements).isLessThanOrEqualTo(10);
    }

    @Test
    void theEchoRendersNoStatement() {
        List<Change> echo = acknowledgeEverythingInOnePush();
        List<String> rendered = RenderedStatements.from(KioskReplica.of(kiosk));

        applier().apply(event.id(), echo, false);

        assertThat(rendered).isEmpty();
    }

    @Test
    void theEchoConfirmsEveryOpAndTheAttemptsThatTravelledInTheirPush() {
        List<Change> echo = acknowledgeEverythingInOnePush();

        applier().apply(event.id(), echo, false);

        int left = KioskReplica.of(kiosk).write(OutboxStore::count);
        assertThat(left).isZero();
    }

    @Test
    void anEchoOfSomeOpsLeavesTheOthersOfAnotherPushWaiting() {
        List<Change> firstPush = acknowledge(0, PEOPLE / 2);
        acknowledge(PEOPLE / 2, PEOPLE);

        applier().apply(event.id(), firstPush, false);

        int waiting = KioskReplica.of(kiosk).write(tx -> OutboxStore.count(tx, OutboxStore.Kind.OP));
        assertThat(waiting).isEqualTo(PEOPLE - PEOPLE / 2);
    }

    @Test
    void framesThatEachConfirmAPushRecountTheOutboxAFewTimesNotOnceAFrame() {
        List<Change> echo = new ArrayList<>();
        for (int person = 0; person < 100; person++) {
            echo.addAll(acknowledge(person, person + 1)); // a push each: each frame confirms one
        }
        Replica replica = KioskReplica.of(kiosk);
        long before = replica.transactions();

        for (Change c : echo) {
            kiosk.sync().changes(event.id(), List.of(FeedEntry.of(c)), c.seq());
        }

        // a transaction a frame, and the sync bar's recount about once per quarter second (ADR 0349): one a frame
        // before
        assertThat(replica.transactions() - before).isLessThan(130);
    }

    private List<Change> acknowledgeEverythingInOnePush() {
        return acknowledge(0, PEOPLE);
    }

    /**
     * As the server would answer one push of the door's items from {@code from} to {@code to} (an op and its scan
     * attempt per person, oldest first): every item acknowledged, the ops numbered in the feed from {@code from + 1}.
     *
     * @return the feed's entries for those ops
     */
    private List<Change> acknowledge(int from, int to) {
        return KioskReplica.of(kiosk).write(tx -> {
            List<OutboxStore.Item> items = OutboxStore.oldest(tx, event.id(), 10 * PEOPLE);
            Map<Long, Long> acks = new LinkedHashMap<>();
            List<Change> echo = new ArrayList<>();
            int ops = 0;
            for (OutboxStore.Item item : items) {
                boolean op = item.kind() == OutboxStore.Kind.OP;
                int person = op ? ops++ : ops - 1;
                if (person < from || person >= to) {
                    continue;
                }
                long seq = person + 1;
                acks.put(item.id(), seq);
                if (op) {
                    echo.add(Change.of(seq, Json.read(item.body(), CheckInOp.class).withSeq(seq)));
                }
            }
            OutboxStore.acknowledge(tx, acks);
            return echo;
        });
    }

    private ChangeApplier applier() {
        return Seed.applier(kiosk);
    }
}
