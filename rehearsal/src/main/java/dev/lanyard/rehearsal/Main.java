package dev.lanyard.rehearsal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lanyard-server rehearse} (and {@code ./lanyard rehearse}): the host's rehearsal
 * before doors open. Prints the readiness report on standard output, progress on standard
 * error; exits 0 when READY, 1 when NOT READY, 2 on bad usage.
 */
@Command(name = "rehearse", mixinStandardHelpOptions = true, version = "lanyard rehearse 0.1",
        description
                = {"Rehearse a venue's worst minute before doors open: simulated doors running the kiosk's sync code "
                + "go offline,",
                "each admits people, all reconnect at once; the report gives how long until the server and every door "
                + "hold every",
                "check-in, the door-to-door latency, ops lost (must be 0), the server's CPU and memory, and a "
                + "verdict."})
public final class Main implements Callable<Integer> {
    @Option(names = "--doors", defaultValue = "20", description = "simulated doors (default ${DEFAULT-VALUE})")
    int doors;
    @Option(names = "--ops", defaultValue = "200", description =
            "people each door admits while offline (default ${DEFAULT-VALUE})")
    int ops;
    @Option(names = "--probes", defaultValue = "10", description =
            "probe check-ins per door during the storm, for the latency (default ${DEFAULT-VALUE})")
    int probes;
    @Option(names = "--url",
            description =
            "rehearse against this running server (default: start one on embedded H2 in a temporary folder)")
    String url;
    @Option(names = "--user",
            description =
            "with --url: an admin or organizer; the password is read from LANYARD_REHEARSAL_PASSWORD or standard input")
    String user;
    @Option(names = "--instances", defaultValue = "1", description = "server instances to start; more than one run on"
            + " PostgreSQL behind an nginx the rehearsal starts (default ${DEFAULT-VALUE}: one, on embedded H2)")
    int instances;
    @Option(names = "--db", description = "with --instances: an empty PostgreSQL database for the instances"
            + " (jdbc:postgresql://...; default: a throwaway PostgreSQL from /usr/lib/postgresql);"
            + " its password from LANYARD_REHEARSAL_DB_PASSWORD")
    String db;
    @Option(names = "--db-user", description = "the --db database's user")
    String dbUser;
    @Option(names = "--kill-server-at",
            description = "kill the started server (with --instances: instance 1) with SIGKILL"
            + " this many seconds after the doors reconnect, then start it again")
    Double killServerAt;
    @Option(names = "--link-kbps", defaultValue = "0", description =
            "each door reaches the server through its own throttled link of this many KB/s each way (default: direct)")
    long linkKbps;
    @Option(names = "--partition-at",
            description = "cut the odd-numbered doors' links this many seconds after the reconnect ...")
    Double partitionAt;
    @Option(names = "--partition-for", defaultValue = "10",
            description = "... for this many seconds (default ${DEFAULT-VALUE})")
    double partitionFor;
    @Option(names = "--timeout", defaultValue = "300", description =
            "seconds the storm may take before the verdict is NOT READY (default ${DEFAULT-VALUE})")
    int timeoutSeconds;
    @Option(names = "--catch-up-door",
            description = "door 1 sends its backlog but skips the feed; afterwards a fresh process times its catch-up")
    boolean catchUpDoor;
    @Option(names = "--target-converge", defaultValue = "10",
            description = "seconds within which the server must hold every op (default ${DEFAULT-VALUE})")
    double targetConverge;
    @Option(names = "--target-p99", defaultValue = "1000",
            description = "door-to-door p99 limit in milliseconds (default ${DEFAULT-VALUE})")
    double targetP99;
    @Option(names = "--work-dir",
            description = "folder for the doors' replicas and the server's data (default: a new temporary folder)")
    Path workDir;
    @Option(names = "--keep", description = "keep the work folder (and, with --url, the rehearsal event) afterwards")
    boolean keep;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        char[] password = url == null ? null : password();
        Path dir = workDir != null ? workDir.resolve("rehearsal-" + System.currentTimeMillis())
                : Files.createTempDirectory("lanyard-rehearsal-");
        Plan.Faults faults = new Plan.Faults(seconds(killServerAt), linkKbps * 1024, seconds(partitionAt),
                seconds(partitionFor));
        Plan plan = new Plan(doors, ops, probes, url, user, password, faults,
                Duration.ofSeconds(timeoutSeconds), catchUpDoor, dir, keep, List.of(),
                new Plan.Targets(targetConverge, targetP99), scale());
        Report report = new Rehearsal(plan, System.err).run();
        report.print(System.out);
        return report.ready() ? 0 : 1;
    }

    private Plan.Scale scale() {
        if (instances == 1 && db == null) {
            return Plan.Scale.embedded();
        }
        return new Plan.Scale(instances, db, dbUser, System.getenv("LANYARD_REHEARSAL_DB_PASSWORD"));
    }

    private static Duration seconds(Double s) {
        return s == null ? null : Duration.ofMillis(Math.round(s * 1000));
    }

    private char[] password() throws java.io.IOException {
        String env = System.getenv("LANYARD_REHEARSAL_PASSWORD");
        if (env != null) {
            return env.toCharArray();
        }
        System.err.print("password for " + user + ": ");
        String line = System.console() != null ? new String(System.console().readPassword())
                : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? new char[0] : line.toCharArray();
    }
}
