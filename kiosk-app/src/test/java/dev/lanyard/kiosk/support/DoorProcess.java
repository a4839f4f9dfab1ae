package dev.lanyard.kiosk.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.kiosk.Main;
import dev.lanyard.kiosk.cli.HeadlessDoor;
import dev.lanyard.kiosk.cli.KioskCli;
import dev.lanyard.model.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code lanyard-kiosk.jar door} as a child JVM on this test class path: a ticket code goes in
 * as a line on its stdin, its JSON answer comes back as a line on its stdout; stderr goes to
 * {@code DIR/../NAME.log} so a failing test can be read.
 */
public final class DoorProcess implements AutoCloseable {
    private final Process process;
    private final Writer stdin;
    private final BufferedReader stdout;
    private final Path log;

    private DoorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts {@code door --data dir ARGS...}, unlocked by the environment with {@link Seed#SECRET}. */
    public static DoorProcess start(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "door", "--data",
                dir.toString()));
        command.addAll(List.of(args));
        Path log = dir.resolveSibling(dir.getFileName() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put(KioskCli.UNLOCK_ENV, Seed.SECRET);
        return new DoorProcess(builder.start(), log);
    }

    /** Waits until its log (stderr) has said {@code text} {@code times} times. */
    public void awaitLog(String text, int times, java.time.Duration within) {
        org.awaitility.Awaitility.await().atMost(within).pollInterval(java.time.Duration.ofMillis(50)).until(() -> {
            if (!java.nio.file.Files.exists(log)) {
                return false;
            }
            String all = java.nio.file.Files.readString(log);
            int n = 0;
            for (int i = all.indexOf(text); i >= 0; i = all.indexOf(text, i + 1)) {
                n++;
            }
            return n >= times;
        });
    }

    /**
     * Waits until its log names the port it listens for peers on, and returns it: a door started with
     * {@code --listen 0} binds any free port, so no port is picked free here and bound later by the child.
     */
    public int awaitListeningPort(java.time.Duration within) {
        // the whole line, up to its end: a line still being written could name half a port
        java.util.regex.Pattern line = java.util.regex.Pattern.compile(
                java.util.regex.Pattern.quote(HeadlessDoor.LISTENING) + "(\\d+)\\R");
        return org.awaitility.Awaitility.await().atMost(within).pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> {
                    if (!java.nio.file.Files.exists(log)) {
                        return -1;
                    }
                    java.util.regex.Matcher m = line.matcher(java.nio.file.Files.readString(log));
                    return m.find() ? Integer.parseInt(m.group(1)) : -1;
                }, port -> port > 0);
    }

    public Path log() {
        return log;
    }

    /** Sends one code and waits for its answer. */
    public JsonNode scan(String code) throws IOException {
        stdin.write(code + "\n");
        stdin.flush();
        String line = stdout.readLine();
        if (line == null) {
            throw new IOException("the door ended before answering " + code);
        }
        return Json.mapper().readTree(line);
    }

    /** Ends its input and waits for it to exit; returns the exit code. */
    public int endInput() throws IOException, InterruptedException {
        stdin.close();
        return waitFor();
    }

    /** SIGTERM, then waits for it to exit; returns the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        return waitFor();
    }

    private int waitFor() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the door did not exit within 60 s");
        }
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
