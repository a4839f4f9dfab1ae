package dev.lanyard.kiosk.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Ids;
import dev.lanyard.model.files.DurableH2Files;
import dev.lanyard.model.files.WriteWatch;
import java.nio.file.Path;
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
}
