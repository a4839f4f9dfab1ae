package dev.lanyard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
    @Test
    void theEmbeddedH2FileWritesEveryCommitBeforeItReturns() {
        assertThat(ServerConfig.builder(Path.of("data")).build().effectiveJdbcUrl()).endsWith(";WRITE_DELAY=0");
    }

    /** ADR 0011: forced to the device, so a push answered "accepted" survives a power cut of the server's host. */
    @Test
    void theEmbeddedH2FileIsOpenedDurable() {
        assertThat(ServerConfig.builder(Path.of("data")).build().effectiveJdbcUrl()).startsWith("jdbc:h2:durable:");
    }

    @Test
    void aGivenH2UrlIsMadeDurableUnlessItSetsItsOwnWriteDelay() {
        assertThat(ServerConfig.builder(Path.of("data")).jdbcUrl("jdbc:h2:file:/srv/lanyard").build()
                .effectiveJdbcUrl())
                .isEqualTo("jdbc:h2:durable:/srv/lanyard;WRITE_DELAY=0");
        assertThat(ServerConfig.builder(Path.of("data")).jdbcUrl("jdbc:h2:file:/srv/lanyard;write_delay=100").build()
                .effectiveJdbcUrl())
                .isEqualTo("jdbc:h2:file:/srv/lanyard;write_delay=100");
    }

    @Test
    void aPostgresUrlIsUsedAsGiven() {
        assertThat(ServerConfig.builder(Path.of("data")).jdbcUrl("jdbc:postgresql://db/lanyard").build()
                .effectiveJdbcUrl())
                .isEqualTo("jdbc:postgresql://db/lanyard");
    }

    @Test
    void theEmbeddedDatabaseCachesAQuarterOfTheHeapWithinBounds() {
        long mb = 1024L * 1024;
        assertThat(ServerConfig.h2CacheKb(3072 * mb)).isEqualTo(768 * 1024);
        assertThat(ServerConfig.h2CacheKb(128 * mb)).isEqualTo(64 * 1024);
        assertThat(ServerConfig.h2CacheKb(16384 * mb)).isEqualTo(1024 * 1024);
        assertThat(ServerConfig.builder(Path.of("data")).build().effectiveJdbcUrl()).contains(";CACHE_SIZE=");
    }

    /** A second server started from a first one's config (scale-out tests) runs with the same bounds. */
    @Test
    void aConfigCopiedThroughItsBuilderKeepsEverySetting() {
        ServerConfig config = ServerConfig.builder(Path.of("data")).bodyBudgetBytes(64L << 20).maxConnections(300)
                .maxConnectionsPerAddress(40).trustedProxies(java.util.List.of("10.0.0.2")).port(9443).build();

        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    /** A proxy that can never match a peer (a port, a name, a number past an octet) is a mistake to say at start. */
    @Test
    void aTrustedProxyThatIsNotAnAddressIsRefused() {
        for (String wrong : java.util.List.of("10.0.0.1:80", "proxy.venue.example", "300.1.1.1")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerConfig.builder(Path.of("data"))
                    .trustedProxies(java.util.List.of(wrong))).as(wrong)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(wrong);
        }
    }
}
