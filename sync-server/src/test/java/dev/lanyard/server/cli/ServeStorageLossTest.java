package dev.lanyard.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.protocol.LoginResponse;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Fixture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} in a child JVM over a disk whose force fails: it stops with {@link Main#STORAGE_LOST} for the service
 * manager to restart it, instead of staying up refusing every write (ADR 0011).
 */
class ServeStorageLossTest {
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+) ");
    private static final String PASSWORD = "admin-password-long";

    @TempDir
    Path dir;
    Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aServeWhoseDatabaseCouldNotBeForcedExitsWithStorageLost() throws Exception {
        String db = "jdbc:h2:watch:" + dir.resolve("data").resolve("lanyard");
        Path trigger = dir.resolve("fail-now");
        Process admin = child(trigger, "create-user", "--data", dir.resolve("data").toString(), "--db", db,
                "--username", "admin", "--role", "ADMIN");
        admin.getOutputStream().write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
        admin.getOutputStream().close();
        assertThat(admin.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(admin.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();

        process = child(trigger, "serve", "--data", dir.resolve("data").toString(), "--db", db, "--host",
                "127.0.0.1", "--port", "0", "--insecure-plain-http");
        String base = listeningOn(process);
        String token = new Api(base, null).post("/api/v1/auth/login", Map.of("username", "admin", "password",
                PASSWORD)).as(LoginResponse.class).token();
        Api api = new Api(base, token);
        assertThat(api.post("/api/v1/events", Fixture.eventInput("Before")).status()).isEqualTo(201);

        Files.writeString(trigger, "");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("armed")));
        try {
            api.post("/api/v1/events", Fixture.eventInput("After"));
        } catch (RuntimeException connectionDropped) {
            // the server may be gone before it answers
        }

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("serve stopped").isTrue();
        assertThat(process.exitValue()).isEqualTo(Main.STORAGE_LOST);
        assertThat(Files.readString(dir.resolve("stderr.txt"))).contains("could not be written to the device");
    }

    private Process child(Path trigger, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                FailingDiskServe.class.getName(), trigger.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("LANYARD_"));
        return builder.start();
    }

    private String listeningOn(Process serve) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(),
                StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            lines.add(line);
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> out.lines().forEach(rest -> { }), "serve-stdout");
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
        }
        throw new AssertionError("serve ended before listening: " + lines + "; stderr: "
                + Files.readString(dir.resolve("stderr.txt")));
    }
}
