package dev.lanyard.server.csv;

import static dev.lanyard.server.db.jooq.Tables.PARTICIPANT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.sync.CheckInPages;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check-ins export of a real server, read back. */
class CheckInExportTest {
    @TempDir
    Path dir;

    @Test
    void everyCheckInIsExportedOnceWithItsPersonsName() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            List<UUID> people = admitted(f, 1_200, Fixture.DAY1, Fixture.DAY2);

            StringWriter out = new StringWriter();
            f.server.admin().export(f.event.id(), true, out);

            List<String> lines = out.toString().lines().toList();
            assertThat(lines).hasSize(1 + 2 * people.size());
            assertThat(lines.subList(1, lines.size())).doesNotHaveDuplicates()
                    .allSatisfy(line -> assertThat(line).matches("[0-9a-f-]{36},Attendee \\d+,attendee\\d+@example"
                            + "\\.org,2026-05-2[01],true,.*"));
        }
    }

    /**
     * A check-in the server took for someone it does not hold (a walk-in whose record was refused) was left out of
     * the export, once it read rows by their people, while the summary counted it. Found by a review.
     */
    @Test
    void aCheckInOfSomeoneTheServerDoesNotHoldIsExportedWithoutAName() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            admitted(f, 3, Fixture.DAY1);
            UUID stranger = UUID.randomUUID();
            push(f, List.of(Fixture.checkIn(stranger, Fixture.DAY1, Set.of(), new Hlc(9_000, 0, "door-1"))));

            StringWriter out = new StringWriter();
            f.server.admin().export(f.event.id(), true, out);

            assertThat(out.toString().lines()).hasSize(1 + 4).anySatisfy(line -> assertThat(line)
                    .startsWith(stranger + ",,,2026-05-20,true,"));
        }
    }

    /** More people the server holds no record of than one page takes: each of their rows once, across pages. */
    @Test
    void theRowsOfManyPeopleNotHeldAreEachExportedOnce() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            List<CheckInOp> ops = new ArrayList<>();
            for (int i = 0; i < CheckInPages.PEOPLE + 100; i++) {
                ops.add(Fixture.checkIn(UUID.randomUUID(), Fixture.DAY1, Set.of(), new Hlc(9_000 + i, 0, "door-1")));
            }
            push(f, ops);

            StringWriter out = new StringWriter();
            f.server.admin().export(f.event.id(), true, out);

            List<String> rows = out.toString().lines().skip(1).toList();
            assertThat(rows).hasSize(ops.size());
            assertThat(rows.stream().map(r -> r.substring(0, 36))).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(ops.stream().map(op -> op.participantId().toString())
                            .toList());
        }
    }

    /**
     * The export held every participant of the event and every check-in row in memory before it wrote a line: an event
     * near the million people the server takes would need a gigabyte for one export. Found by a review.
     */
    @Test
    void theExportHoldsAPageOfPeopleNotTheWholeEvent() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            int people = admitted(f, 20_000, Fixture.DAY1).size();
            f.server.admin().export(f.event.id(), false, Writer.nullWriter()); // the database's caches, warmed
            long before = usedAfterGc();
            long[] midway = {0};
            Writer countingLines = new Writer() {
                int lines;

                @Override
                public void write(char[] cbuf, int off, int len) {
                    for (int i = off; i < off + len; i++) {
                        if (cbuf[i] == '\n' && ++lines == people / 2) {
                            midway[0] = usedAfterGc();
                        }
                    }
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };

            f.server.admin().export(f.event.id(), true, countingLines);

            // before: some 25 MB for 20,000 people (their records and every check-in row)
            assertThat(midway[0] - before).as("held midway through the export, bytes").isLessThan(8L << 20);
        }
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Imports {@code n} attendees and admits each on {@code days}; their ids. */
    private static List<UUID> admitted(Fixture f, int n, LocalDate... days) {
        StringBuilder csv = new StringBuilder("name,email,company\n");
        for (int i = 0; i < n; i++) {
            csv.append("Attendee ").append(i).append(",attendee").append(i).append("@example.org,Company ")
                    .append(i % 97).append('\n');
        }
        assertThat(f.server.admin().importCsv(f.event.id(), csv.toString().getBytes(StandardCharsets.UTF_8))
                .imported()).isEqualTo(n);
        List<UUID> ids = f.server.database().dsl().select(PARTICIPANT.ID).from(PARTICIPANT)
                .where(PARTICIPANT.EVENT_ID.eq(f.event.id())).fetch(PARTICIPANT.ID);
        List<CheckInOp> ops = new ArrayList<>();
        long t = 1_000;
        for (LocalDate day : days) {
            for (UUID id : ids) {
                ops.add(Fixture.checkIn(id, day, Set.of(), new Hlc(t++, 0, "door-1")));
                if (ops.size() == PushRequest.MAX_ITEMS) {
                    push(f, ops);
                    ops = new ArrayList<>();
                }
            }
        }
        if (!ops.isEmpty()) {
            push(f, ops);
        }
        return ids;
    }

    private static void push(Fixture f, List<CheckInOp> ops) {
        assertThat(f.admin.post(f.eventPath() + "/ops", PushRequest.ofOps(null, ops)).status()).isEqualTo(200);
    }
}
