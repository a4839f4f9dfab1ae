package dev.lanyard.kiosk.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Ids;
import dev.lanyard.model.files.DurableH2Files;
import dev.lanyard.model.files.WriteWatch;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replica's file is H2's durable one (ADR 0011): a commit, an admitted scan's too, is on the device. */
class ReplicaDurabilityTest {
    @TempDir
    Path dir;

    @Test
    void theReplicaIsOpenedThroughTheDurableFileSystem() {
        Seed.folderWithOneEvent(dir);
        try (Replica replica = Seed.replica(dir)) {
            String path = replica.read(dsl -> dsl.fetchOne("SELECT DATABASE_PATH()").get(0, String.class));

            assertThat(path).startsWith(DurableH2Files.SCHEME + ":")
                    .endsWith(dir.resolve(DataFolder.DATABASE_NAME).toAbsolutePath().toString());
        }
    }

    @Test
    void aWriteReturnsOnceItsCommitIsOnTheDevice() {
        Seed.folderWithOneEvent(dir);
        DataFolder watched = DataFolder.at(dir).through(WriteWatch.prefix());
        try (Replica replica = Replica.open(watched, Seed.SECRET.toCharArray(), false)) {
            WriteWatch.reset();

            replica.write(tx -> {
                Settings.put(tx, "durability.check", Ids.newId().toString());
                return null;
            });

            assertThat(WriteWatch.writes()).isPositive();
            assertThat(WriteWatch.unforced()).isZero();
        }
    }

    /**
     * A writer forces after giving its turn back (ADR 0011); a reader that came in meanwhile (the outbox sender) saw
     * the commit, so it must not return, and send it on, before the commit is on the device.
     */
    @Test
    void aReadThatSawACommitReturnsOnceTheCommitIsOnTheDevice() throws Exception {
        Seed.folderWithOneEvent(dir);
        DataFolder watched = DataFolder.at(dir).through(WriteWatch.prefix());
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Replica replica = Replica.open(watched, Seed.SECRET.toCharArray(), false)) {
            WriteWatch.reset();
            WriteWatch.Hold slowDevice = WriteWatch.holdForces();
            String admitted = Ids.newId().toString();
            threads.submit(() -> replica.write(tx -> {
                Settings.put(tx, "durability.check", admitted);
                return null;
            }));
            slowDevice.awaitWaiting();

            Future<Integer> unforcedWhenRead = threads.submit(() -> {
                // a transaction that only reads, as the outbox sender's
                Optional<String> seen = replica.write(tx -> Settings.get(tx, "durability.check"));
                assertThat(seen).contains(admitted);
                return WriteWatch.unforced();
            });
            Thread.sleep(300);
            slowDevice.release();

            assertThat(unforcedWhenRead.get(10, TimeUnit.SECONDS)).isZero();
        } finally {
            threads.shutdownNow();
        }
    }
}
