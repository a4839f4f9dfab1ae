package dev.lanyard.server.support;

import dev.lanyard.model.Event;
import dev.lanyard.model.Role;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.ServerConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The real server in a child JVM, for tests that kill it with SIGKILL: {@code ChildServer DATA_DIR}.
 * The first start creates an admin and an event and writes "eventId token" to DATA_DIR/../setup.txt;
 * every start prints "READY port" once it serves. It has no shutdown hook of its own, so a kill
 * leaves the database exactly as the last durable write left it.
 */
public final class ChildServer {
    private ChildServer() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        LanyardServer server = new LanyardServer(ServerConfig.builder(data).host("127.0.0.1").port(0).bcryptCost(4)
                .build()).start();
        Path setup = data.resolveSibling("setup.txt");
        if (!Files.exists(setup)) {
            server.admin().createUser("admin", "admin-password", Set.of(Role.ADMIN));
            Event event = server.admin().createEvent(Fixture.eventInput("Kill -9"), "admin");
            Path tmp = data.resolveSibling("setup.tmp");
            Files.writeString(tmp, event.id() + " " + server.admin().tokenFor("admin"), StandardCharsets.UTF_8);
            Files.move(tmp, setup, StandardCopyOption.ATOMIC_MOVE);
        }
        System.out.println("READY " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** A started child; {@link #kill()} sends SIGKILL. */
    public static final class Handle implements AutoCloseable {
        private final Process process;
        public final int port;

        private Handle(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        public static Handle start(Path data, Path log) throws IOException {
            return start(data, log, List.of());
        }

        /** @param jvmOptions more options for the child JVM (its heap stays 256 MB) */
        public static Handle start(Path data, Path log, List<String> jvmOptions) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx256m"));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ChildServer.class.getName(),
                    data.toString()));
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY ")) {
                // wait until it serves
            }
            if (line == null) {
                process.destroyForcibly();
                throw new IllegalStateException("child server did not start; see " + log);
            }
            return new Handle(process, Integer.parseInt(line.substring("READY ".length()).trim()));
        }

        public String baseUrl() {
            return "http://127.0.0.1:" + port;
        }

        /** SIGKILL: no shutdown hook, no close, no flush. */
        public void kill() throws InterruptedException {
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("child server did not die");
            }
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                kill();
            }
        }
    }
}
