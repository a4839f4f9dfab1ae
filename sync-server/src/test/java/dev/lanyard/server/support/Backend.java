package dev.lanyard.server.support;

import dev.lanyard.server.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;

/** The two databases the server runs on; persistence tests run against each. */
public enum Backend {
    H2, POSTGRES;

    /** A config for a fresh server with fast test settings (bcrypt cost 4, short heartbeat). */
    public ServerConfig.Builder config(Path dataDir) {
        ServerConfig.Builder builder = ServerConfig.builder(dataDir).host("127.0.0.1").port(0).bcryptCost(4)
                .heartbeatInterval(Duration.ofMillis(300));
        if (this == POSTGRES) {
            PostgresSupport.Connection_ pg = PostgresSupport.freshDatabase();
            builder.jdbcUrl(pg.url()).dbUser(pg.user()).dbPassword(pg.password());
        }
        return builder;
    }
}
