package dev.lanyard.kiosk.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.concurrent.TimeoutException;
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
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            withSlowDevice((replica, slowDevice) -> {
                String admitted = Ids.newId().toString();
                commitOn(threads, replica, admitted);
                slowDevice.awaitWaiting();

                Future<Integer> unforcedWhenRead = threads.submit(() -> {
                    // a transaction that only reads, as the outbox sender's
                    Optional<String> seen = replica.write(tx -> Settings.get(tx, KEY));
                    assertThat(seen).contains(admitted);
                    return WriteWatch.unforced();
                });
                assertThatThrownBy(() -> unforcedWhenRead.get(300, TimeUnit.MILLISECONDS))
                        .as("the read returned while the commit it saw was not on the device")
                        .isInstanceOf(TimeoutException.class);
                slowDevice.release();

                assertThat(unforcedWhenRead.get(10, TimeUnit.SECONDS)).isZero();
            });
        } finally {
            threads.shutdownNow();
        }
    }

    /** The desk's reads go to the screen only: they do not wait for the sync's force. */
    @Test
    void aDesksReadDoesNotWaitForAnotherWritersForce() throws Exception {
        ExecutorService sync = Executors.newSingleThreadExecutor();
        ExecutorService desk = Executors.newSingleThreadExecutor(Replica.deskThreads("desk"));
        try {
            withSlowDevice((replica, slowDevice) -> {
                commitOn(sync, replica, "page");
                slowDevice.awaitWaiting();

                Future<Optional<String>> shown = desk.submit(() -> replica.write(tx -> Settings.get(tx, KEY)));

                assertThat(shown.get(10, TimeUnit.SECONDS)).contains("page");
            });
        } finally {
            sync.shutdownNow();
            desk.shutdownNow();
        }
    }

    private static final String KEY = "durability.check";

    private interface SlowDeviceTest {
        void run(Replica replica, WriteWatch.Hold slowDevice) throws Exception;
    }

    /** Runs {@code test} on a seeded replica on the watching file system, whose forces wait until released. */
    private void withSlowDevice(SlowDeviceTest test) throws Exception {
        Seed.folderWithOneEvent(dir);
        DataFolder watched = DataFolder.at(dir).through(WriteWatch.prefix());
        try (Replica replica = Replica.open(watched, Seed.SECRET.toCharArray(), false)) {
            WriteWatch.reset();
            WriteWatch.Hold slowDevice = WriteWatch.holdForces();
            try {
                test.run(replica, slowDevice);
            } finally {
                // before the replica closes: its close forces the file too
                slowDevice.release();
            }
        }
    }

    private static void commitOn(ExecutorService thread, Replica replica, String value) {
        thread.submit(() -> replica.write(tx -> {
            Settings.put(tx, KEY, value);
            return null;
        }));
    }
}
