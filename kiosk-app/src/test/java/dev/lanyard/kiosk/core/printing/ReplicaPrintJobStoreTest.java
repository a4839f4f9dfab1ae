package dev.lanyard.kiosk.core.printing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.kiosk.core.store.DataFolder;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.print.badge.BadgeData;
import dev.lanyard.print.queue.PrintJob;
import dev.lanyard.print.queue.PrintJobState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** printer-drivers' PrintJobStore contract, held by the H2 replica. */
class ReplicaPrintJobStoreTest {
    @TempDir
    Path tmp;
    Replica replica;
    ReplicaPrintJobStore store;
    BadgeData badge = new BadgeData("홍길동", "Lanyard", null, "7K3MQ9XD2RTABG");
    Instant t0 = Instant.parse("2025-05-20T01:00:00Z");

    @BeforeEach
    void open() {
        replica = Replica.open(DataFolder.at(tmp.resolve("kiosk"), Seed.FAST_KDF), Seed.SECRET.toCharArray(), true);
        store = new ReplicaPrintJobStore(replica);
    }

    @AfterEach
    void close() {
        replica.close();
    }

    void reopen() {
        replica.close();
        replica = Replica.open(DataFolder.at(tmp.resolve("kiosk"), Seed.FAST_KDF), Seed.SECRET.toCharArray(), false);
        store = new ReplicaPrintJobStore(replica);
    }

    /**
     * One job whose sealed body no longer opened (damaged on the disk) made the store's loading throw, so the desk
     * opened without printing at all; asking again for that badge must still print it. Found by a review.
     */
    @Test
    void aJobWhoseStoredCopyIsDamagedIsLeftOutAndItsBadgeCanBeAskedForAgain() {
        PrintJob damaged = store.insertIfAbsent(PrintJob.create("badge/a/admit", null, badge, 1, t0));
        PrintJob kept = store.insertIfAbsent(PrintJob.create("badge/b/admit", null, badge, 1, t0.plusSeconds(1)));
        replica.write(tx -> {
            byte[] sealed = tx.dsl().resultQuery("select body from print_job where id = ?", damaged.id())
                    .fetchOne(0, byte[].class);
            sealed[sealed.length - 1] ^= 1;
            return tx.dsl().execute("update print_job set body = ? where id = ?", sealed, damaged.id());
        });

        reopen();

        assertThat(store.findByState(EnumSet.allOf(PrintJobState.class))).containsExactly(kept);
        PrintJob again = store.insertIfAbsent(PrintJob.create("badge/a/admit", null, badge, 1, t0.plusSeconds(9)));
        assertThat(again.id()).isNotEqualTo(damaged.id());
        reopen();
        assertThat(store.findByKey("badge/a/admit")).contains(again);
    }

    @Test
    void aSecondInsertWithTheSameKeyReturnsTheStoredJob() {
        PrintJob first = store.insertIfAbsent(PrintJob.create("badge/a/admit", null, badge, 1, t0));
        PrintJob again = store.insertIfAbsent(PrintJob.create("badge/a/admit", null, badge, 2, t0.plusSeconds(5)));

        assertThat(again).isEqualTo(first);
        assertThat(store.findByState(EnumSet.allOf(PrintJobState.class))).hasSize(1);
    }

    @Test
    void racingInsertsOfOneKeyStoreExactlyOne() throws Exception {
        List<PrintJob> results = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int copies = i + 1;
            threads.add(startThread(() -> results.add(store.insertIfAbsent(
                    PrintJob.create("badge/race", null, badge, copies, t0)))));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(results).hasSize(8).allMatch(j -> j.equals(results.get(0)));
        assertThat(store.findByKey("badge/race")).contains(results.get(0));
    }

    @Test
    void badgeDataIsNotStoredInPlainText() throws Exception {
        BadgeData person = new BadgeData("Printqueue Persona", "Secretive Printing Ltd", null, "QUEUEDTICKETCODE");
        store.insertIfAbsent(PrintJob.create("badge/p/admit", null, person, 1, t0));
        PrintJob stored = store.findByKey("badge/p/admit").orElseThrow();
        store.update(stored);
        replica.close();

        List<String> secrets = List.of("Printqueue Persona", "Secretive Printing", "QUEUEDTICKETCODE");
        try (var files = java.nio.file.Files.walk(tmp.resolve("kiosk"))) {
            for (Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                byte[] bytes = java.nio.file.Files.readAllBytes(file);
                for (String secret : secrets) {
                    assertThat(dev.lanyard.kiosk.support.ByteSearch.indexOf(bytes,
                            secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                            .as("%s in %s", secret, file.getFileName()).isNegative();
                }
            }
        }
        reopen();
        assertThat(store.findByKey("badge/p/admit").orElseThrow().badge()).isEqualTo(person);
    }

    static Thread startThread(Runnable r) {
        Thread t = new Thread(r);
        t.start();
        return t;
    }

    @Test
    void jobsSurviveARestartWithTheirLastState() {
        PrintJob job = store.insertIfAbsent(PrintJob.create("badge/b/admit", "batch-1", badge, 3, t0));
        PrintJob printing = store.findByState(EnumSet.of(PrintJobState.PENDING)).get(0);
        // a state the queue would write: two labels confirmed, then the laptop died
        PrintJob progressed = new PrintJob(printing.id(), printing.idempotencyKey(), printing.batchId(),
                printing.badge(), 3,
                PrintJobState.PROCESSING, 1, 2, printing.createdAt(), t0.plusSeconds(3), printing.nextAttemptAt(),
                null, null, 2);
        store.update(progressed);

        reopen();

        assertThat(store.find(job.id())).contains(progressed);
        assertThat(store.findByBatch("batch-1")).containsExactly(progressed);
        assertThat(store.findByKeyPrefix("badge/b/")).containsExactly(progressed);
    }

    @Test
    void queriesAreOldestFirstAndInInsertionOrderForEqualTimes() {
        PrintJob late = store.insertIfAbsent(PrintJob.create("k3", "b", badge, 1, t0.plusSeconds(10)));
        PrintJob a = store.insertIfAbsent(PrintJob.create("k1", "b", badge, 1, t0));
        PrintJob b = store.insertIfAbsent(PrintJob.create("k2", "b", badge, 1, t0));

        assertThat(store.findByBatch("b")).containsExactly(a, b, late);
        reopen();
        assertThat(store.findByState(EnumSet.of(PrintJobState.PENDING))).containsExactly(a, b, late);
    }

    @Test
    void updatingAnUnknownJobOrChangingItsKeyIsRefused() {
        PrintJob stored = store.insertIfAbsent(PrintJob.create("k", null, badge, 1, t0));
        PrintJob stranger = PrintJob.create("other", null, badge, 1, t0);
        PrintJob rekeyed = new PrintJob(stored.id(), "changed", null, badge, 1, PrintJobState.PENDING, 0, 0, t0, t0,
                t0, null, null, null);

        assertThatThrownBy(() -> store.update(stranger)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no print job");
        assertThatThrownBy(() -> store.update(rekeyed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key");
        reopen();
        assertThat(store.find(stored.id())).contains(stored);
    }
}
