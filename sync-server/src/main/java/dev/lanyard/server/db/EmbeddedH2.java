package dev.lanyard.server.db;

import dev.lanyard.model.files.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import org.h2.api.ErrorCode;
import org.h2.engine.SysProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default embedded H2 database in the data folder: its password, and where its
 * AUTO_SERVER port listens.
 *
 * <p>AUTO_SERVER lets the host commands (create-user, import, backup...) open the database
 * while {@code serve} has it open: the first process starts a TCP server inside itself and
 * writes its address into {@code lanyard.lock.db}. H2 2.x starts that server with
 * {@code -tcpAllowOthers} on every interface and advertises the host's LAN address, unless
 * the JVM-wide property {@code h2.bindAddress} is set; H2 reads it once, when its
 * {@code SysProperties} class loads. So this class sets it to loopback before H2 is touched,
 * and if H2 was loaded earlier with another address, AUTO_SERVER is not used at all
 * ({@link #autoServerIsLocal()}) and host commands fail with "database in use" instead.
 */
public final class EmbeddedH2 {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedH2.class);
    /** The database password, generated at first start (ADR 0207). */
    public static final String PASSWORD_FILE = "db-password";
    private static final String BIND_PROPERTY = "h2.bindAddress";

    static {
        bindToLoopback();
    }

    private EmbeddedH2() {
    }

    /** Idempotent; called from every class that may load H2 first. */
    static void bindToLoopback() {
        if (System.getProperty(BIND_PROPERTY) == null) {
            System.setProperty(BIND_PROPERTY, "127.0.0.1");
        }
    }

    /** True when an AUTO_SERVER started by this JVM listens on, and advertises, a loopback address only. */
    public static boolean autoServerIsLocal() {
        String bind = SysProperties.BIND_ADDRESS;
        if (bind == null || bind.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * The password of the database at {@code url} in {@code dataDir}: read from
     * {@link #PASSWORD_FILE}, or generated into it (0600) on first start. A database created
     * by an earlier version has the empty password; it gets the file's password here, once.
     * The file is written before the database is changed, so a crash in between leaves a
     * file whose password the next start still sets.
     */
    public static String password(Path dataDir, String url, String user) {
        Path file = dataDir.resolve(PASSWORD_FILE);
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[24];
                new SecureRandom().nextBytes(random);
                PrivateFiles.write(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random)
                        .getBytes(StandardCharsets.US_ASCII));
            }
            String password = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (Files.exists(dataDir.resolve("lanyard.mv.db"))) {
                setIfStillEmpty(url, user, password);
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the database password in " + file, e);
        }
    }

    private static void setIfStillEmpty(String url, String user, String password) {
        String name = user == null ? "" : user;
        try (Connection c = DriverManager.getConnection(url, name, password)) {
            return;
        } catch (SQLException e) {
            if (e.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD) {
                throw new IllegalStateException("cannot open the database " + url + ": " + e.getMessage(), e);
            }
        }
        try (Connection c = DriverManager.getConnection(url, name, ""); Statement s = c.createStatement()) {
            // the password is base64url: no quote can end the literal (SET PASSWORD takes no parameter)
            s.execute("SET PASSWORD '" + password + "'");
            LOG.warn("the database had no password (made by an earlier version); it now has the one in "
                    + PASSWORD_FILE);
        } catch (SQLException e) {
            throw new IllegalStateException("the database " + url + " refuses the password in " + PASSWORD_FILE
                    + " and the empty one: restore " + PASSWORD_FILE + " from where the database came from", e);
        }
    }
}
