package dev.lanyard.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.model.Role;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.ServerConfig;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default embedded database: its AUTO_SERVER port is local only and it has a password. */
class EmbeddedH2Test {
    @TempDir
    Path data;

    private ServerConfig config() {
        return ServerConfig.builder(data).host("127.0.0.1").port(0).bcryptCost(4).build();
    }

    /** host:port the running server wrote into H2's lock file for AUTO_SERVER clients. */
    private InetSocketAddress autoServerAddress() throws Exception {
        Properties lock = new Properties();
        try (InputStream in = Files.newInputStream(data.resolve("lanyard.lock.db"))) {
            lock.load(in);
        }
        String server = lock.getProperty("server");
        assertThat(server).as("AUTO_SERVER address in the lock file").isNotNull();
        int colon = server.lastIndexOf(':');
        return new InetSocketAddress(server.substring(0, colon), Integer.parseInt(server.substring(colon + 1)));
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp()) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                        return Optional.of(a);
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void theAutoServerPortListensOnLoopbackOnly() throws Exception {
        try (LanyardServer server = new LanyardServer(config())) {
            InetSocketAddress address = autoServerAddress();
            assertThat(address.getAddress().isLoopbackAddress()).as("advertised " + address).isTrue();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), address.getPort())) {
                assertThat(s.isConnected()).isTrue();
            }
            Optional<InetAddress> other = nonLoopbackAddress();
            if (other.isPresent()) {
                assertThatThrownBy(() -> new Socket(other.get(), address.getPort()).close())
                        .as("connecting via " + other.get()).isInstanceOf(java.net.ConnectException.class);
            }
        }
    }

    @Test
    void connectingWithoutThePasswordIsRefusedWhileTheServerRuns() throws Exception {
        try (LanyardServer server = new LanyardServer(config())) {
            String url = config().effectiveJdbcUrl();
            assertThatThrownBy(() -> DriverManager.getConnection(url, "", "").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("Wrong user name or password");
            String password = Files.readString(data.resolve(EmbeddedH2.PASSWORD_FILE)).trim();
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);
            try (var c = DriverManager.getConnection(url, "", password)) {
                assertThat(c.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void aDataFolderMadeWithTheEmptyPasswordStillOpensAndGetsOne() throws Exception {
        // what earlier versions left behind: the default URL, no password at all
        try (LanyardServer old = new LanyardServer(config().toBuilder().dbPassword("").build())) {
            old.admin().createUser("admin", "old-password", java.util.Set.of(Role.ADMIN));
        }
        assertThat(data.resolve(EmbeddedH2.PASSWORD_FILE)).doesNotExist();
        try (LanyardServer upgraded = new LanyardServer(config())) {
            assertThat(upgraded.admin().tokenFor("admin")).isNotNull();
        }
        String url = config().effectiveJdbcUrl();
        assertThatThrownBy(() -> DriverManager.getConnection(url, "", "").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("Wrong user name or password");
    }
}
