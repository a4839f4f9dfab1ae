package dev.lanyard.kiosk.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.kiosk.core.attempts.AttemptLimiter;
import dev.lanyard.kiosk.core.bootstrap.BootstrapProgress;
import dev.lanyard.kiosk.core.Failures;
import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskOptions;
import dev.lanyard.kiosk.core.KioskStatus;
import dev.lanyard.kiosk.core.checkin.ScanResult;
import dev.lanyard.kiosk.core.device.RemoteWipe;
import dev.lanyard.kiosk.core.unlock.UnlockException;
import dev.lanyard.kiosk.core.sync.PairingService;
import dev.lanyard.kiosk.core.sync.SyncEngine;
import dev.lanyard.kiosk.core.sync.SyncException;
import dev.lanyard.kiosk.core.store.ReplicaFailure;
import dev.lanyard.model.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

/**
 * The headless kiosk: {@code cli --data DIR COMMAND}. Every command prints one JSON line on
 * stdout (results, or {@code {"error":CODE,"message":TEXT}}); progress and logs go to stderr.
 * The data folder is the app's own: the CLI and the UI can take turns on it (not at once).
 *
 * <p>Exit codes: 0 done (for scan: admitted; for sync: nothing left pending), 1 not admitted /
 * still pending, 2 bad usage or input, 3 locked (no or wrong unlock secret), 4 the server
 * could not be reached or refused, 5 the kiosk itself failed (its replica could not be read or
 * written: {@code "storage"}; anything unforeseen: {@code "internal"}).
 */
@Command(name = "cli", mixinStandardHelpOptions = true, description = "Lanyard kiosk, headless",
        subcommands = {KioskCli.Pair.class, KioskCli.Sync.class, KioskCli.Scan.class, KioskCli.Undo.class,
                KioskCli.Status.class})
public final class KioskCli {
    public static final String UNLOCK_ENV = "LANYARD_UNLOCK";
    static final int OK = 0;
    static final int NOT_DONE = 1;
    static final int USAGE = 2;
    static final int LOCKED = 3;
    static final int SERVER = 4;
    static final int FAILED = 5;

    @Option(names = "--data", required = true, description = "the kiosk's data folder")
    Path data;

    @Option(names = "--unlock-file", description = "file holding the unlock secret (default: the " + UNLOCK_ENV
            + " environment variable)")
    Path unlockFile;

    PrintWriter out;

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true, StandardCharsets.UTF_8), System.getenv(UNLOCK_ENV), args);
    }

    /** For tests: output and environment passed in. */
    public static int run(PrintWriter out, String unlockEnv, String... args) {
        KioskCli cli = withOutput(out, unlockEnv);
        CommandLine line = new CommandLine(cli);
        line.setOut(new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        line.setParameterExceptionHandler((ex, a) -> {
            cli.error("usage", ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return USAGE;
        });
        line.setExecutionExceptionHandler((ex, cmd, parsed) -> cli.failure(ex));
        return line.execute(args);
    }

    private String unlockEnv;

    /** The opening, error and printing rules of the CLI, for {@link HeadlessDoor}. */
    static KioskCli withOutput(PrintWriter out, String unlockEnv) {
        KioskCli cli = new KioskCli();
        cli.out = out;
        cli.unlockEnv = unlockEnv;
        return cli;
    }
    java.time.Clock clock = java.time.Clock.systemUTC();

    char[] secret() {
        if (unlockFile != null) {
            try {
                String text = Files.readString(unlockFile, StandardCharsets.UTF_8).strip();
                if (text.isEmpty()) {
                    throw new UnlockException("the unlock file " + unlockFile + " is empty");
                }
                return text.toCharArray();
            } catch (IOException e) {
                throw new UnlockException("cannot read the unlock file " + unlockFile + ": " + e.getMessage());
            }
        }
        if (unlockEnv == null || unlockEnv.isEmpty()) {
            throw new UnlockException("no unlock secret: set " + UNLOCK_ENV + " or pass --unlock-file");
        }
        return unlockEnv.toCharArray();
    }

    /** The same attempt limit as the window's unlock: the CLI is no way around it. */
    Kiosk open(boolean create) {
        if (!java.nio.file.Files.isDirectory(data)) {
            return Kiosk.open(KioskOptions.defaults(data, secret()), create);
        }
        AttemptLimiter attempts = AttemptLimiter.unlock(data, clock);
        java.time.Duration wait = attempts.begin();
        if (!wait.isZero()) {
            throw new UnlockException("too many wrong unlock secrets; nothing was tried; try again in "
                    + AttemptLimiter.seconds(wait) + " s");
        }
        Kiosk kiosk = Kiosk.open(KioskOptions.defaults(data, secret()), create);
        attempts.succeeded();
        return kiosk;
    }

    /** The host revoked this kiosk: say so, with what was lost, once its data folder is erased (ADR 0315). */
    int erased(Kiosk kiosk) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("error", "device_revoked");
        try {
            RemoteWipe.Erased erased = kiosk.erased().get(1, java.util.concurrent.TimeUnit.MINUTES);
            node.put("message", "the host revoked this kiosk; its data in " + data + " was erased");
            node.put("server", erased.reason());
            node.put("unsyncedLost", erased.unsyncedLost());
            node.put("filesErased", erased.removed().size());
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            node.put("message", "the host revoked this kiosk, but erasing its data failed: " + Failures.reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            node.put("message", "the host revoked this kiosk; interrupted while erasing its data");
        }
        print(node);
        return SERVER;
    }

    int failure(Exception ex) {
        Throwable e = Failures.cause(ex);
        if (e instanceof UnlockException) {
            error("locked", e.getMessage());
            return LOCKED;
        }
        if (e instanceof SyncException s) {
            error("sync_" + s.kind().name().toLowerCase(java.util.Locale.ROOT), s.getMessage());
            return SERVER;
        }
        if (e instanceof ReplicaFailure) {
            // before "invalid": a replica that cannot be written is no fault of the input
            error("storage", e.getMessage());
            return FAILED;
        }
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            error("invalid", e.getMessage());
            return USAGE;
        }
        error("internal", e.toString());
        return FAILED;
    }

    void error(String code, String message) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("error", code);
        node.put("message", message);
        print(node);
    }

    void print(Object value) {
        out.println(Json.write(value));
        out.flush();
    }

    static LocalDate day(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--day must be a date YYYY-MM-DD, not " + text);
        }
    }

    static UUID event(Kiosk kiosk, String explicit) {
        if (explicit != null) {
            try {
                return UUID.fromString(explicit);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--event must be an event id (UUID), not " + explicit);
            }
        }
        return kiosk.activeEvent().orElseThrow(() -> new IllegalStateException(
                "this kiosk is not paired to any event"));
    }

    @Command(name = "pair", description = "pair with a server using a one-time pairing code, then download the event")
    static final class Pair implements Callable<Integer> {
        @ParentCommand
        KioskCli cli;
        @Parameters(index = "0", description = "server URL, e.g. https://10.0.0.5:8443")
        String url;
        @Parameters(index = "1", description = "pairing code")
        String code;
        @Option(names = "--name", description = "this kiosk's name, e.g. \"Door 2\"")
        String name;
        @Option(names = "--cert-sha256",
                description = "the server certificate's SHA-256 fingerprint (from the pairing QR)")
        String certSha256;

        @Override
        public Integer call() throws Exception {
            try (Kiosk kiosk = cli.open(true)) {
                PairingService.Paired paired = kiosk.pair(url, code, name, certSha256);
                kiosk.bootstrap(KioskCli::progress);
                ObjectNode node = Json.mapper().createObjectNode();
                node.put("deviceId", paired.identity().deviceId());
                node.put("server", paired.identity().serverUrl());
                if (paired.identity().certSha256() != null) {
                    node.put("certSha256", paired.identity().certSha256());
                }
                node.set("events", Json.mapper().valueToTree(paired.events().stream().map(e -> e.id().toString())
                        .toList()));
                node.put("participants", kiosk.status(false).participants());
                cli.print(node);
                return OK;
            }
        }
    }

    static void progress(BootstrapProgress p) {
        System.err.printf("bootstrap %s: %d/%d%s%n", p.eventId(), p.done(), p.total(), p.finished() ? " done" : "");
    }

    @Command(name = "sync",
            description =
            "push everything pending and pull until the server has nothing more (exit 0 when nothing is pending)")
    static final class Sync implements Callable<Integer> {
        @ParentCommand
        KioskCli cli;

        @Override
        public Integer call() {
            try (Kiosk kiosk = cli.open(false)) {
                kiosk.identity();
                SyncEngine.Round round;
                try {
                    round = kiosk.sync().syncUntilIdle();
                } catch (RuntimeException e) {
                    // the wipe closes the replica under the round's feet
                    if (kiosk.revoked()) {
                        return cli.erased(kiosk);
                    }
                    throw e;
                }
                if (kiosk.revoked()) {
                    return cli.erased(kiosk);
                }
                KioskStatus status = kiosk.status(false);
                ObjectNode node = Json.mapper().createObjectNode();
                node.put("sent", round.sent());
                node.put("deadLettered", round.deadLettered());
                node.put("pulled", round.pulled());
                node.put("pending", status.pendingItems());
                node.put("deadLetters", status.deadLetters());
                node.set("lastSeq", Json.mapper().valueToTree(status.lastSeq()));
                if (round.error() != null) {
                    node.put("error", "sync_" + round.error().kind().name().toLowerCase(java.util.Locale.ROOT));
                    node.put("message", round.error().getMessage());
                }
                cli.print(node);
                if (round.error() != null) {
                    return SERVER;
                }
                return status.pendingItems() == 0 ? OK : NOT_DONE;
            }
        }
    }

    @Command(name = "scan",
            description = "scan a ticket code; prints the outcome as one JSON line (exit 0 when admitted)")
    static final class Scan implements Callable<Integer> {
        @ParentCommand
        KioskCli cli;
        @Parameters(index = "0", description = "ticket code")
        String code;
        @Option(names = "--day", description = "event day YYYY-MM-DD (default: today in the event's timezone)")
        String day;
        @Option(names = "--event", description = "event id (default: the active event)")
        String event;

        @Override
        public Integer call() {
            try (Kiosk kiosk = cli.open(false)) {
                ScanResult result = kiosk.checkIns().scan(event(kiosk, event), code, day(day)).join();
                cli.print(result);
                return result.admitted() ? OK : NOT_DONE;
            }
        }
    }

    @Command(name = "undo", description = "take back today's admission of a ticket code")
    static final class Undo implements Callable<Integer> {
        @ParentCommand
        KioskCli cli;
        @Parameters(index = "0", description = "ticket code")
        String code;
        @Option(names = "--day", description = "event day YYYY-MM-DD (default: today in the event's timezone)")
        String day;
        @Option(names = "--event", description = "event id (default: the active event)")
        String event;

        @Override
        public Integer call() {
            try (Kiosk kiosk = cli.open(false)) {
                cli.print(kiosk.checkIns().undoByCode(event(kiosk, event), code, day(day)).join());
                return OK;
            }
        }
    }

    @Command(name = "status", description = "JSON: online, pending ops, dead letters, last seq, participant count,"
            + " feed entries this version could not read")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        KioskCli cli;

        @Override
        public Integer call() {
            try (Kiosk kiosk = cli.open(false)) {
                KioskStatus s = kiosk.status(true);
                ObjectNode node = Json.mapper().createObjectNode();
                node.put("deviceId", s.deviceId());
                node.put("server", s.serverUrl());
                node.put("online", s.online());
                node.put("pendingOps", s.pendingOps());
                node.put("pendingItems", s.pendingItems());
                node.put("deadLetters", s.deadLetters());
                long lastSeq = s.activeEvent() == null ? 0 : s.lastSeq().getOrDefault(s.activeEvent(), 0L);
                node.put("lastSeq", lastSeq);
                node.set("lastSeqByEvent", Json.mapper().valueToTree(s.lastSeq()));
                node.put("participants", s.participants());
                node.put("openConflicts", s.openConflicts());
                node.put("unreadChanges", s.unreadChanges());
                if (s.activeEvent() != null) {
                    node.put("event", s.activeEvent().toString());
                }
                cli.print(node);
                return OK;
            }
        }
    }
}
