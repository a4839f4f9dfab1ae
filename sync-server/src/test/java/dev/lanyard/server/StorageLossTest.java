package dev.lanyard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.model.files.WriteWatch;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose database file could not be forced to the device can write nothing more (ADR 0011); it says so, so
 * that its host process exits and is restarted from what is on the device instead of refusing every push.
 */
class StorageLossTest {
    @TempDir
    Path dir;

    @AfterEach
    void healTheDisk() {
        WriteWatch.reset();
    }

    @Test
    @Timeout(60)
    void aFailedForceOfTheDatabaseFileEndsTheServersStorageAndTheServerStillCloses() throws Exception {
        WriteWatch.reset();
        ServerConfig config = Backend.H2.config(dir)
                .jdbcUrl("jdbc:h2:" + WriteWatch.prefix() + dir.resolve("lanyard")).build();
        LanyardServer server = new LanyardServer(config).start();
        try (Fixture f = new Fixture(server)) {
            f.server.admin().addParticipant(f.event.id(), Map.of("name", "Ada"));
            assertThat(server.storageLost()).isNotDone();

            WriteWatch.failNextForce();
            assertThatThrownBy(() -> f.server.admin().addParticipant(f.event.id(), Map.of("name", "Bo")));

            assertThat(server.storageLost()).succeedsWithin(Duration.ofSeconds(10));
        }
    }

    @Test
    void aServerWhoseForcesSucceedHasNotLostItsStorage() throws Exception {
        ServerConfig config = Backend.H2.config(dir)
                .jdbcUrl("jdbc:h2:" + WriteWatch.prefix() + dir.resolve("lanyard")).build();
        try (Fixture f = new Fixture(new LanyardServer(config).start())) {
            f.server.admin().addParticipant(f.event.id(), Map.of("name", "Ada"));
            assertThat(f.server.storageLost()).isNotDone();
        }
    }
}
