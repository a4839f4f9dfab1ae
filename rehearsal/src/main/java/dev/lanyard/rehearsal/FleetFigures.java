package dev.lanyard.rehearsal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The fleet bench's figures, from one cold rehearsal (a fresh server process, a fresh process
 * for the doors, a fresh process for the catch-up door): 50 doors, 2,000 offline admissions
 * each, all reconnecting at once. Door 1 is the catch-up door: it sends its 2,000 ops with the
 * storm, and afterwards a new process times applying the other 49 doors' 98,000 ops, against
 * the floor of reading the same feed into nothing.
 */
public final class FleetFigures {
    static final int DOORS = 50;
    static final int OPS = 2_000;
    static final int PROBES = 10;
    /**
     * A machine too busy for the storm can run a smaller one ({@code LANYARD_FLEET_DOORS},
     * {@code LANYARD_FLEET_OPS}); the figures then carry its size in their names, so they are never
     * mistaken for the 50 x 2,000 ones.
     */
    private static final int DOORS_RUN = sizeFromEnv("LANYARD_FLEET_DOORS", DOORS);
    private static final int OPS_RUN = sizeFromEnv("LANYARD_FLEET_OPS", OPS);

    private FleetFigures() {
    }

    /** @return whether the run ended READY */
    public static boolean run(PrintStream out, PrintStream progress) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("lanyard-fleet-");
        Plan plan = new Plan(DOORS_RUN, OPS_RUN, PROBES, null, null, null, Plan.Faults.none(), Duration.ofMinutes(20),
                true, dir, false, List.of(),
                Plan.Targets.standard());
        Report r = new Rehearsal(plan, progress).run();
        String name = "fleet_" + DOORS_RUN + "x" + OPS_RUN;
        int others = (DOORS_RUN - 1) * OPS_RUN;
        String size = others % 1000 == 0 ? others / 1000 + "k" : Integer.toString(others);
        String catchUp = "kiosk_catchup_" + size + "_ops";
        line(out, name + "_server_converge_s", r.value("server_converge_s"), "s");
        line(out, name + "_doors_converge_s", r.value("doors_converge_s"), "s");
        line(out, "fleet_ops_lost", r.value("ops_lost"), "ops");
        line(out, catchUp + "_s", r.value("catchup_s"), "s");
        line(out, catchUp + "_applied", r.value("catchup_ops_applied"), "ops");
        line(out, catchUp + "_floor_s", r.value("catchup_floor_s"), "s");
        line(out, catchUp + "_floor_ratio", r.value("catchup_floor_ratio"), "x");
        line(out, "ws_fanout_" + DOORS_RUN + "_storm_p50_ms", r.value("fanout_p50_ms"), "ms");
        line(out, "ws_fanout_" + DOORS_RUN + "_storm_p99_ms", r.value("fanout_p99_ms"), "ms");
        line(out, "ws_fanout_" + DOORS_RUN + "_storm_samples", r.value("fanout_samples"), "samples");
        line(out, "fleet_server_cpu_s", r.value("server_cpu_s"), "s");
        line(out, "fleet_server_cpu_cores_until_converged", r.value("server_cpu_cores_until_converged"), "cores");
        line(out, "fleet_server_rss_peak_mb", r.value("server_rss_peak_mb"), "MB");
        line(out, "fleet_offline_admit_s", r.value("offline_admit_s"), "s");
        line(out, "fleet_errors", r.value("errors"), "errors");
        line(out, "fleet_load_average_1m", r.value("load_average_1m"), "");
        progress.println();
        r.print(progress);
        return r.ready();
    }

    private static int sizeFromEnv(String name, int standard) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? standard : Integer.parseInt(v.strip());
    }

    private static void line(PrintStream out, String name, double value, String unit) {
        out.println(name + ": " + Report.format(value) + (unit.isEmpty() ? "" : " " + unit));
    }
}
