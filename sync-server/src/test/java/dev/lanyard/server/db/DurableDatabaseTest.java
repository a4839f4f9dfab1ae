package dev.lanyard.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.files.DurableH2Files;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.support.Backend;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database a server runs on is H2's durable file (ADR 0011): what it accepted is on the device. */
class DurableDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void theEmbeddedDatabaseIsOpenedThroughTheDurableFileSystem() {
        LanyardServer server = new LanyardServer(Backend.H2.config(dir).build()).start();
        try {
            String path = server.database().dsl().fetchOne("SELECT DATABASE_PATH()").get(0, String.class);

            assertThat(path).startsWith(DurableH2Files.SCHEME + ":");
        } finally {
            server.stop();
        }
    }
}
