package dev.lanyard.kiosk.cli;

import dev.lanyard.kiosk.core.Failures;
import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.checkin.ScanResult;
import dev.lanyard.kiosk.core.peer.PeerNode;
import dev.lanyard.kiosk.core.store.ReplicaFailure;
import dev.lanyard.kiosk.core.sync.SyncEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A door without a window, for turnstiles, unattended gates and tests that run several doors
 * as processes: {@code door --data DIR [--listen PORT] [--peer HOST:PORT]...}; {@code --listen 0} binds any
 * free port and names it on stderr ({@link #LISTENING}). It syncs with the
 * server as the window does and, given {@code --listen} or {@code --peer}, with the event's other
 * doors (ADR 0316, 0317); it reads one
 * ticket code per line from stdin and prints one JSON line per scan, with the fields of
 * {@code cli scan}. On end of input or SIGTERM it stops taking scans, sends what is pending if
 * the server answers, and closes the replica; every scan answered was committed before its
 * line was printed, so nothing is lost either way.
 *
 * <p>Exit codes: 0 after end of input, 2 bad usage, 3 locked, 5 the replica failed (the door stops taking scans: it
 * can record none; whoever runs it starts it again); SIGTERM ends it with the JVM's 143.
 */
@Command(name = "door", mixinStandardHelpOptions = true,
        description = "a headless door: ticket codes on stdin, one JSON line per scan on stdout")
public final class HeadlessDoor implements Callable<Integer> {
    /** Starts the stderr line naming the port peers reach this door on, e.g. after {@code --listen 0}. */
    public static final String LISTENING = "door listening for peers on port ";

    @Option(names = "--data", required = true, description = "the kiosk's data folder")
    Path data;

    @Option(names = "--unlock-file", description = "file holding the unlock secret (default: the "
            + KioskCli.UNLOCK_ENV + " environment variable)")
    Path unlockFile;

    @Option(names = "--day", description = "event day YYYY-MM-DD (default: today in the event's timezone)")
    String day;

    @Option(names = "--event", description = "event id (default: the active event)")
    String event;

    @Option(names = "--listen", paramLabel = "PORT", description =
            "talk to the event's other doors: listen for them on this TCP port (TLS, mutual authentication);"
                    + " 0 binds any free port, named on stderr as \"" + LISTENING + "N\"")
    Integer listen;

    @Option(names = "--peer", paramLabel = "HOST:PORT", description =
            "another door of the event to keep connecting to (repeatable; for networks that block multicast)")
    List<String> peers = new ArrayList<>();

    @Option(names = "--discover-on", paramLabel = "ADDRESS|auto|off", defaultValue = "auto",
            description = "find the event's doors by DNS-SD/mDNS on this address's network (default auto: the first"
                    + " multicast-capable LAN address; off: static peers only)")
    String discoverOn;

    private KioskCli cli;
    private InputStream in;
    private final AtomicBoolean finished = new AtomicBoolean();

    public static int run(String... args) {
        return run(System.in, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                System.getenv(KioskCli.UNLOCK_ENV), args);
    }

    /** For tests of {@link #serve}: a door that answers on {@code out}. */
    static HeadlessDoor answeringOn(PrintWriter out) {
        HeadlessDoor door = new HeadlessDoor();
        door.cli = KioskCli.withOutput(out, null);
        return door;
    }

    /** For tests: input, output and environment passed in. */
    public static int run(InputStream in, PrintWriter out, String unlockEnv, String... args) {
        HeadlessDoor door = new HeadlessDoor();
        door.in = in;
        door.cli = KioskCli.withOutput(out, unlockEnv);
        CommandLine line = new CommandLine(door);
        line.setOut(new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        line.setParameterExceptionHandler((ex, a) -> {
            door.cli.error("usage", ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return KioskCli.USAGE;
        });
        line.setExecutionExceptionHandler((ex, cmd, parsed) -> door.cli.failure(ex));
        return line.execute(args);
    }

    @Override
    public Integer call() throws IOException {
        cli.data = data;
        cli.unlockFile = unlockFile;
        Kiosk kiosk = cli.open(false);
        Thread onTerm = new Thread(() -> finish(kiosk), "lanyard-door-exit");
        try {
            kiosk.identity();
            UUID eventId = KioskCli.event(kiosk, event);
            LocalDate scanDay = KioskCli.day(day);
            Runtime.getRuntime().addShutdownHook(onTerm);
            kiosk.startSync();
            if (listen != null || !peers.isEmpty()) {
                PeerNode.Options options = PeerNode.Options.of(listen == null ? -1 : listen,
                        PeerNode.Options.addresses(peers));
                if (!"auto".equals(discoverOn)) {
                    InetAddress on = "off".equals(discoverOn) ? null : InetAddress.getByName(discoverOn);
                    options = options.discoveringOn(on);
                }
                PeerNode node = kiosk.startPeers(options);
                if (node.port() >= 0) {
                    // a line of its own: whoever asked for --listen 0 reads the port bound from it
                    System.err.println(LISTENING + node.port());
                }
                System.err.println("door talking to peers"
                        + (peers.isEmpty() ? "" : ", dialling " + String.join(" ", peers)));
            }
            System.err.println("door " + kiosk.identity().deviceId() + " ready for event " + eventId);
            return serve(kiosk, eventId, scanDay, in);
        } finally {
            finish(kiosk);
            removeHook(onTerm);
        }
    }

    /** Answers each line of {@code input} until its end; the exit code. */
    int serve(Kiosk kiosk, UUID eventId, LocalDate scanDay, InputStream input) throws IOException {
        BoundedLines lines = new BoundedLines(new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8)));
        String line;
        while ((line = lines.next()) != null && !finished.get()) {
            if (line == BoundedLines.TOO_LONG) {
                cli.error("invalid", "a line longer than " + BoundedLines.MAX_CHARS + " characters; skipped");
                continue;
            }
            String code = line.strip();
            if (!code.isEmpty() && !scan(kiosk, eventId, code, scanDay)) {
                // the replica failed: every further scan would be answered with an error, and a turnstile's
                // supervisor only sees an exit
                System.err.println("door stopping: it can no longer record scans");
                return KioskCli.FAILED;
            }
        }
        return KioskCli.OK;
    }

    /** Answers one scan; false when the replica failed (the door can record no more). */
    private boolean scan(Kiosk kiosk, UUID eventId, String code, LocalDate scanDay) {
        try {
            ScanResult result = kiosk.checkIns().scan(eventId, code, scanDay).join();
            cli.print(result);
            return true;
        } catch (RuntimeException e) {
            // one bad line, or one participant a bug trips over, is answered and the door stays open for the next
            cli.failure(e);
            return !(Failures.cause(e) instanceof ReplicaFailure);
        }
    }

    /**
     * Runs once, from end of input or from the SIGTERM hook: stops live sync, then one bounded
     * push-and-pull round so a reachable server holds every scan, then closes the replica.
     * Synchronized: a SIGTERM during the end-of-input close waits for it rather than letting
     * the JVM halt half-way.
     */
    private synchronized void finish(Kiosk kiosk) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        try {
            if (kiosk.paired()) {
                kiosk.sync().stop();
                SyncEngine.Round round = kiosk.sync().syncUntilIdle();
                System.err.println("door closing: sent " + round.sent() + ", still pending " + round.pending()
                        + (round.error() == null ? "" : " (server: " + round.error().getMessage() + ")"));
            }
        } catch (RuntimeException e) {
            System.err.println("door closing: final sync failed: " + e);
        } finally {
            kiosk.close();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // shutting down already, or never added: the hook's own run is harmless (finish runs once)
        }
    }
}
