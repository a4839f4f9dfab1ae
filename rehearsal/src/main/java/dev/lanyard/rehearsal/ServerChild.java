package dev.lanyard.rehearsal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The sync server as a child process of the rehearsal, run by its own host CLI from this class
 * path: so it can be killed with SIGKILL and started again on the same port and data, and so
 * its CPU and memory are its own ({@link ProcessUsage}). Its output goes to {@code server.log}
 * in the data folder's parent. Several may run on one PostgreSQL behind nginx ({@link ServerFleet}).
 */
final class ServerChild implements AutoCloseable {
    /**
     * The flags every {@code serve} gets, in one place: when {@code serve}'s defaults change
     * (TLS by default, plain HTTP only behind an explicit flag) this list is what follows.
     */
    static final List<String> SERVE_FLAGS = List.of("--tls-self-signed");
    private static final String MAIN = ServerChildMain.class.getName();
    private static final String LISTENING = "Lanyard sync server listening on ";
    private static final String CERTIFICATE = "TLS certificate SHA-256: ";
    /** A JVM, H2 and Flyway start in seconds on a quiet laptop; a machine busy with other work has taken minutes. */
    private static final Duration START_LIMIT = Duration.ofMinutes(10);
    private final Path dataDir;
    private final Path log;
    private final int port;
    private final List<String> jvmFlags;
    private final Launch launch;
    private final ProcessUsage usage;
    private volatile Process process;
    private volatile boolean serving;
    private String url;
    private String certSha256;
    private int starts;

    /**
     * How an instance is started beyond its data folder and port.
     *
     * @param databaseFlags given to every command (the database, the key-encryption key)
     * @param serveFlags    given to {@code serve} only
     * @param environment   for the child (a database password stays out of the process list)
     */
    record Launch(List<String> databaseFlags, List<String> serveFlags, java.util.Map<String, String> environment) {
        Launch {
            databaseFlags = List.copyOf(databaseFlags);
            serveFlags = List.copyOf(serveFlags);
            environment = java.util.Map.copyOf(environment);
        }

        boolean plainHttp() {
            return serveFlags.contains("--insecure-plain-http");
        }

        /** Embedded H2 in the data folder, TLS as {@code serve} does by default. */
        static Launch embedded() {
            return new Launch(List.of(), SERVE_FLAGS, java.util.Map.of());
        }
    }

    /**
     * The JVM flags the server ships with (the {@code lanyard} launcher, the installers' app image; ADR 0504): the
     * rehearsal measures the server a venue runs, in the heap it has there. A plan's own flags come after them.
     */
    static final List<String> SHIPPED_JVM_FLAGS = List.of("-Xmx1g");

    private ServerChild(Path dataDir, int port, List<String> jvmFlags, Launch launch, ProcessUsage usage) {
        this.dataDir = dataDir;
        // server/data -> server/server.log; server/instance-2 -> server/instance-2.log
        String name = dataDir.getFileName().toString();
        this.log = dataDir.resolveSibling("data".equals(name) ? "server.log" : name + ".log");
        this.port = port;
        this.jvmFlags = jvmFlags;
        this.launch = launch;
        this.usage = usage;
    }

    /** Creates an admin in a new data folder, then serves it on a free loopback port. */
    static ServerChild start(Path dataDir, String admin, char[] password, List<String> jvmFlags) throws IOException,
            InterruptedException {
        return start(dataDir, admin, password, jvmFlags, Launch.embedded(), new ProcessUsage());
    }

    /**
     * Creates an admin (unless {@code admin} is null: another instance on the same database made
     * it), then serves on a free loopback port; {@code usage} may be shared by several instances.
     */
    static ServerChild start(Path dataDir, String admin, char[] password, List<String> jvmFlags, Launch launch,
                             ProcessUsage usage) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        ServerChild child = new ServerChild(dataDir, freePort(), jvmFlags, launch, usage);
        // a rehearsal stopped with Ctrl+C or SIGTERM must not leave its server running
        Runtime.getRuntime().addShutdownHook(new Thread(child::close, "server-child-stop"));
        if (admin != null) {
            child.createAdmin(admin, password);
        }
        child.serve();
        return child;
    }

    private void createAdmin(String admin, char[] password) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("create-user", "--data", dataDir.toString(), "--username", admin,
                "--role", "ADMIN"));
        args.addAll(launch.databaseFlags());
        Process p = builder(args).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(new String(password).getBytes(StandardCharsets.UTF_8));
            in.write('\n');
        }
        if (!p.waitFor(START_LIMIT.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("creating the rehearsal's admin failed; its output ends with:"
                    + System.lineSeparator() + tail(log));
        }
    }

    /** Starts {@code serve} and waits until it listens. */
    synchronized void serve() throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("serve", "--data", dataDir.toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(port)));
        args.addAll(launch.databaseFlags());
        args.addAll(launch.serveFlags());
        Process p = builder(args).start();
        process = p;
        starts++;
        usage.track(p.toHandle());
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        String line;
        url = null;
        certSha256 = null;
        while (!ready() && System.nanoTime() < deadline && (line = out.readLine()) != null) {
            appendLog(line);
            if (line.startsWith(LISTENING)) {
                url = line.substring(LISTENING.length()).split(" ")[0];
            } else if (line.startsWith(CERTIFICATE)) {
                certSha256 = line.substring(CERTIFICATE.length()).split(" ")[0];
            }
        }
        if (!ready()) {
            p.destroyForcibly();
            throw new IllegalStateException("the server did not start within " + START_LIMIT.toMinutes()
                    + " minutes; its output ends with:"
                    + System.lineSeparator() + tail(log));
        }
        serving = true;
        drain(out);
    }

    /**
     * Listening, and over TLS its certificate's fingerprint is known (printed right after). Behind
     * a proxy the line names the public (proxy's) https URL while the instance speaks plain HTTP.
     */
    private boolean ready() {
        return url != null && (url.startsWith("http:") || launch.plainHttp() || certSha256 != null);
    }

    private void appendLog(String line) throws IOException {
        Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** The rest of its output goes on to the log, so a full pipe never blocks it. */
    private void drain(BufferedReader out) {
        Thread t = new Thread(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    appendLog(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "server-output");
        t.setDaemon(true);
        t.start();
    }

    /** SIGKILL: no shutdown hook, no flush; what the server answered as accepted must be on disk already. */
    void kill() throws InterruptedException {
        Process p = process;
        serving = false;
        usage.sample();
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    /** The serving process's pid. */
    long pid() {
        return process.pid();
    }

    String url() {
        return url;
    }

    /** The certificate's fingerprint for the doors to pin; null over plain HTTP. */
    String certSha256() {
        return certSha256;
    }

    int starts() {
        return starts;
    }

    ProcessUsage usage() {
        return usage;
    }

    /** Listening and not killed since: a failed request to it then is an error, not the rehearsal's own fault. */
    boolean serving() {
        return serving && process.isAlive();
    }

    Path log() {
        return log;
    }

    int port() {
        return port;
    }

    private ProcessBuilder builder(List<String> args) {
        List<String> command = javaCommand(jvmFlags);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(launch.environment());
        return builder;
    }

    /** The JVM that runs the server's main on this class path, with the shipped flags, then {@code jvmFlags}. */
    static List<String> javaCommand(List<String> jvmFlags) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(SHIPPED_JVM_FLAGS);
        command.addAll(jvmFlags);
        command.addAll(Arrays.asList("-cp", System.getProperty("java.class.path"), MAIN));
        return command;
    }

    /** The last lines of the server's log, since the work folder is removed afterwards. */
    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        Process p = process;
        if (p != null && p.isAlive()) {
            usage.sample();
            p.destroy();
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
