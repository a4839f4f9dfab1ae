package dev.lanyard.rehearsal;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PostgreSQL for a rehearsal of several server instances when the host names no
 * database: Debian's server binaries ({@code /usr/lib/postgresql/N/bin}) on a new cluster in a
 * folder of its own, on a free loopback port, with PostgreSQL's own durable defaults ({@code
 * fsync} and {@code synchronous_commit} on), as production runs it. As root the cluster runs as
 * the {@code postgres} user (initdb refuses root), so its folder is made outside the work folder,
 * which only root may enter.
 */
final class PostgresChild implements AutoCloseable {
    private static final String USER = "lanyard";
    private static final long START_LIMIT_MILLIS = 120_000;
    private final Path bin;
    private final Path dir;
    private final int port;
    private final Process process;

    private PostgresChild(Path bin, Path dir, int port, Process process) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** The newest installed PostgreSQL server's binaries, if any. */
    static Optional<Path> binaries() {
        File[] versions = new File("/usr/lib/postgresql").listFiles();
        if (versions == null) {
            return Optional.empty();
        }
        return Arrays.stream(versions).sorted(Comparator.comparing(File::getName, PostgresChild::byVersion).reversed())
                .map(v -> v.toPath().resolve("bin")).filter(b -> Files.isExecutable(b.resolve("postgres"))).findFirst();
    }

    private static int byVersion(String a, String b) {
        try {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    static PostgresChild start() throws IOException, InterruptedException {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException(
                "no PostgreSQL server in /usr/lib/postgresql (apt-get install postgresql), and no --db given"));
        Path dir = Files.createTempDirectory("lanyard-rehearsal-pg-");
        if (root()) {
            run(List.of("chown", "postgres:postgres", dir.toString()));
        }
        Path data = dir.resolve("data");
        run(asOwner(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "--auth=trust",
                "--username=" + USER, "--encoding=UTF8")));
        int port = ServerChild.freePort();
        List<String> command = asOwner(List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
                "-p", Integer.toString(port), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1",
                "-c", "max_connections=100"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("postgres.log").toFile()).start();
        PostgresChild child = new PostgresChild(bin, dir, port, p);
        Runtime.getRuntime().addShutdownHook(new Thread(child::close, "postgres-child-stop"));
        long deadline = System.currentTimeMillis() + START_LIMIT_MILLIS;
        while (!accepts(port)) {
            if (!p.isAlive() || System.currentTimeMillis() > deadline) {
                String log = Files.readString(dir.resolve("postgres.log"));
                child.close();
                throw new IllegalStateException("PostgreSQL did not start: " + log);
            }
            Thread.sleep(100);
        }
        return child;
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The cluster's own database; trust authentication on loopback, so no password. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    String user() {
        return USER;
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asOwner(List<String> command) {
        if (!root()) {
            return command;
        }
        List<String> out = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        out.addAll(command);
        return out;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    /** A fast shutdown (clients cut off, nothing lost), then the cluster's folder goes. */
    @Override
    public synchronized void close() {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            if (process.isAlive()) {
                run(asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                        "-m", "fast", "-w", "stop")));
            }
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is not worth failing the rehearsal for
        }
    }
}
