package dev.lanyard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
    @Test
    void theEmbeddedH2FileWritesEveryCommitBeforeItReturns() {
        assertThat(ServerConfig.builder(Path.of("data")).build().effectiveJdbcUrl()).startsWith("jdbc:h2:file:").endsWith(";WRITE_DELAY=0");
    }

    @Test
    void aGivenH2UrlGetsTheDurableWriteDelayUnlessItSetsOne() {
        assertThat(ServerConfig.builder(Path.of("data")).jdbcUrl("jdbc:h2:file:/srv/lanyard").build().effectiveJdbcUrl())
                .isEqualTo("jdbc:h2:file:/srv/lanyard;WRITE_DELAY=0");
        assertThat(ServerConfig.builder(Path.of("data")).jdbcUrl("jdbc:h2:file:/srv/lanyard;write_delay=100").build().effectiveJdbcUrl())
                .isEqualTo("jdbc:h2:file:/srv/lanyard;write_delay=100");
    }

    @Test
    void aPostgresUrlIsUsedAsGiven() {
        assertThat(ServerConfig.builder(Path.of("data")).jdbcUrl("jdbc:postgresql://db/lanyard").build().effectiveJdbcUrl())
                .isEqualTo("jdbc:postgresql://db/lanyard");
    }
}
