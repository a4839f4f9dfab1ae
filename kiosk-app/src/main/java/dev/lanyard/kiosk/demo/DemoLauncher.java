package dev.lanyard.kiosk.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.TicketCodes;
import dev.lanyard.model.json.Json;
import dev.lanyard.print.media.MediaCatalog;
import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.sim.PrinterSimulator;
import dev.lanyard.print.sim.SimulatorHandle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code lanyard demo}: the whole product on one machine, each part as it really runs. A sync
 * server on embedded H2 with a generated event (its own process, the server jar's {@code demo}
 * command), a virtual Brother QL-820NWB with 62x100 labels that writes every badge it prints as
 * a PNG (the printer simulator, over TCP on loopback), and a kiosk window paired to the server
 * and printing to that printer (its own process, the kiosk jar). Closing the kiosk window stops
 * everything; the data stays in the demo folder ({@code LANYARD_DEMO_DIR}, default
 * {@code ./demo-data}) and the next start carries on with it.
 */
public final class DemoLauncher {
    static final String STAFF_PIN = "lanyard-demo";
    /** The kiosk's own explanation of why its window did not open, if it gave one. */
    static List<String> adviceIn(Path log) {
        try (java.util.stream.Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.startsWith(dev.lanyard.kiosk.WindowTrouble.PREFIX)).toList();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    private static final String MODEL = "QL-820NWB";
    private static final String MEDIA = "62x100";
    private static final Duration SERVER_START_LIMIT = Duration.ofMinutes(3);

    private DemoLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length >= 2 && args[0].equals("--root") ? args[1] : ".").toAbsolutePath().normalize();
        String chosen = System.getenv("LANYARD_DEMO_DIR");
        Path dir = (chosen == null || chosen.isBlank() ? root.resolve("demo-data") : Path.of(chosen)).toAbsolutePath()
                .normalize();
        System.exit(run(root, dir));
    }

    static int run(Path root, Path dir) throws IOException, InterruptedException {
        Path serverJar = root.resolve("sync-server/target/lanyard-server.jar");
        Path kioskJar = root.resolve("kiosk-app/target/lanyard-kiosk.jar");
        for (Path jar : List.of(serverJar, kioskJar)) {
            if (!Files.isRegularFile(jar)) {
                System.err.println("missing " + jar + ": build first (./lanyard demo does it for you)");
                return 2;
            }
        }
        java.util.Optional<String> noWindow = dev.lanyard.kiosk.WindowTrouble.beforeLaunch(System.getenv(),
                System.getProperty("os.name", ""));
        if (noWindow.isPresent()) {
            System.err.println(noWindow.get());
            return 1;
        }
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path badges = Files.createDirectories(dir.resolve("badges"));
        Path pinFile = dir.resolve("staff-pin.txt");
        if (!Files.exists(pinFile)) {
            Files.writeString(pinFile, STAFF_PIN + System.lineSeparator(), StandardCharsets.UTF_8);
        }

        List<Process> children = new ArrayList<>();
        SimulatorHandle[] printer = new SimulatorHandle[1];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(children, printer[0])));

        System.out.println("Starting the Lanyard demo in " + dir);
        Instant started = Instant.now().minusSeconds(1);
        Process server = new ProcessBuilder(javaCommand(), "-jar", serverJar.toString(), "demo",
                "--data", dir.resolve("server").toString(), "--port",
                System.getenv().getOrDefault("LANYARD_DEMO_PORT", "0"))
                .redirectErrorStream(true).redirectOutput(logs.resolve("server.log").toFile()).start();
        children.add(server);
        JsonNode info = awaitDemoInfo(dir.resolve("server/demo.json"), started, server, logs.resolve("server.log"));
        if (info == null) {
            return 1;
        }

        printer[0] = PrinterSimulator.startTcp(PrinterModel.byName(MODEL), MediaCatalog.get(MEDIA), 0, badges);
        String eventId = info.get("eventId").asText();
        Process kiosk = new ProcessBuilder(javaCommand(), "-jar", kioskJar.toString(),
                "--data", dir.resolve("kiosk-" + eventId).toString(), "--unlock-file", pinFile.toString(),
                // the QR's payload: the kiosk pins the certificate fingerprint it carries (the demo server speaks TLS
                // like any other)
                "--pair", info.get("url").asText(), info.path("pairingPayload")
                .asText(info.get("pairingCode").asText()), "--name", "Demo desk",
                "--printer", "tcp:127.0.0.1:" + printer[0].port(), "--model", MODEL, "--media", MEDIA)
                .redirectErrorStream(true).redirectOutput(logs.resolve("kiosk.log").toFile()).start();
        children.add(kiosk);

        printSummary(info, dir, badges, logs, printer[0].port());
        int exit = kiosk.waitFor();
        if (exit != 0) {
            System.err.println("The kiosk window ended with code " + exit + "; see " + logs.resolve("kiosk.log"));
            adviceIn(logs.resolve("kiosk.log")).forEach(System.err::println);
        }
        stopAll(children, printer[0]);
        return exit == 0 ? 0 : 1;
    }

    private static JsonNode awaitDemoInfo(Path infoFile, Instant started, Process server, Path log) throws
            InterruptedException, IOException {
        Instant deadline = Instant.now().plus(SERVER_START_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(infoFile) && Files.getLastModifiedTime(infoFile).compareTo(FileTime.from(started)) >= 0) {
                JsonNode info = Json.mapper().readTree(infoFile.toFile());
                if (info.hasNonNull("url") && info.hasNonNull("pairingCode")) {
                    return info;
                }
            }
            if (!server.isAlive()) {
                System.err.println("The demo server stopped (exit " + server.exitValue() + "). Its log, " + log
                        + ", ends with:");
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(System.err::println);
                return null;
            }
            Thread.sleep(200);
        }
        System.err.println("The demo server did not get ready within " + SERVER_START_LIMIT.toMinutes()
                + " minutes; see " + log);
        return null;
    }

    private static void printSummary(JsonNode info, Path dir, Path badges, Path logs, int printerPort) {
        System.out.println();
        System.out.println("  Lanyard demo is running. A window titled \"Lanyard\" opens with the check-in desk.");
        System.out.println("  server:       " + info.get("url").asText() + "   (admin / lanyard-demo)");
        System.out.println("  event:        " + info.path("eventName").asText() + ", " + info.path("imported").asInt()
                + " attendees");
        System.out.println("  staff PIN:    " + STAFF_PIN);
        System.out.println("  printer:      virtual " + MODEL + " with " + MEDIA + " labels on 127.0.0.1:"
                + printerPort);
        System.out.println("  badge PNGs:   " + badges);
        // the demo server's mail sink writes beside its data folder (DemoCommand --mail-dir's default)
        System.out.println("  mail (.eml):  " + dir.resolve("mail")
                + "   (confirmations of walk-ins registered at the desk)");
        System.out.println("  logs:         " + logs);
        System.out.println("  tickets to scan or type at the desk:");
        for (JsonNode sample : info.withArray("sampleTickets")) {
            System.out.println("      " + TicketCodes.display(sample.get("ticketCode").asText()) + "   "
                    + sample.get("name").asText());
        }
        System.out.println("  Close the kiosk window (or press Ctrl+C here) to stop. Data stays in " + dir);
        System.out.println();
    }

    private static void stopAll(List<Process> children, SimulatorHandle printer) {
        for (Process child : children) {
            child.destroy();
        }
        for (Process child : children) {
            try {
                if (!child.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                child.destroyForcibly();
            }
        }
        if (printer != null) {
            printer.close();
        }
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java").toString());
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
    }
}
