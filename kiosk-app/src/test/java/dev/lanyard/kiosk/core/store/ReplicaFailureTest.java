package dev.lanyard.kiosk.core.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.kiosk.support.Seed;
import java.nio.file.Path;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the replica's own failure is (the CLI stops a door on it) and what is the caller's. */
class ReplicaFailureTest {
    @TempDir
    Path dir;

    @Test
    void aClosedReplicaIsAReplicaFailure() {
        Seed.folderWithOneEvent(dir);
        Replica replica = Seed.replica(dir);
        replica.close();

        assertThatThrownBy(() -> replica.write(tx -> Settings.get(tx, "any"))).isInstanceOf(ReplicaFailure.class);
    }

    /** A statement a bug got wrong is no failing disk: a door must not stop for it. */
    @Test
    void aConstraintViolationIsTheCallersFailureNotTheReplicas() {
        Seed.folderWithOneEvent(dir);
        try (Replica replica = Seed.replica(dir)) {
            assertThatThrownBy(() -> replica.write(tx -> tx.dsl().execute(
                    "insert into setting (name, val) values (null, 'no name')")))
                    .isInstanceOf(DataAccessException.class).isNotInstanceOf(ReplicaFailure.class);
        }
    }
}
