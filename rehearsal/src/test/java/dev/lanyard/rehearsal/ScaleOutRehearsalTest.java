package dev.lanyard.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short rehearsal across two server processes on one PostgreSQL behind a real nginx, both
 * started by the rehearsal (ADR 0227): five doors reach the servers only through nginx (TLS
 * there, WebSocket upgrade, the instances trusting its X-Forwarded-For), reconnect at once, and
 * instance 1 is killed with SIGKILL in the storm and started again while instance 2 serves on.
 * Nothing may be lost, every door must hold every op, and each door's probe check-in must reach
 * every other door. Needs nginx, openssl and Debian's PostgreSQL server: skipped locally without
 * them, a failure under LANYARD_CI=1 (.ci/run installs them).
 */
class ScaleOutRehearsalTest {
    @TempDir
    Path tmp;

    @Test
    void twoInstancesBehindNginxLoseNoOpWhenOneIsKilledInTheStorm() throws Exception {
        requireTools();
        Plan plan = new Plan(5, 50, 2, null, null, null, Plan.Faults.killAt(Duration.ofMillis(500)),
                Duration.ofMinutes(4), false, tmp.resolve("work"), false, List.of("-Xmx384m"),
                new Plan.Targets(Double.MAX_VALUE, Double.MAX_VALUE),
                Plan.Scale.postgres(2));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Report report = new Rehearsal(plan, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        report.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        String text = printed.toString(StandardCharsets.UTF_8) + progress.toString(StandardCharsets.UTF_8);
        assertThat(text).contains(
                "2 instances on a PostgreSQL started for the rehearsal behind nginx at https://127.0.0.1:");
        assertThat(report.value("server_instances")).as(text).isEqualTo(2);
        assertThat(report.value("server_kills")).as(text).isEqualTo(1);
        assertThat(report.value("ops_lost")).as(text).isZero();
        assertThat(report.value("ops_server_holds")).as(text).isEqualTo(250 + 5 * 2);
        assertThat(report.value("doors_converged")).as(text).isEqualTo(5);
        assertThat(report.value("dead_letters")).as(text).isZero();
        assertThat(report.value("fanout_unseen")).as(text).isZero();
        assertThat(report.reasons()).as(text).isEmpty();
        assertThat(tmp.resolve("work")).doesNotExist();
    }

    /** The house rule: an external tool missing skips locally and fails in CI (LANYARD_CI=1). */
    private static void requireTools() {
        List<String> missing = new ArrayList<>();
        if (NginxChild.binary().isEmpty()) {
            missing.add("nginx (apt-get install nginx)");
        }
        if (NginxChild.openssl().isEmpty()) {
            missing.add("openssl (apt-get install openssl)");
        }
        if (PostgresChild.binaries().isEmpty()) {
            missing.add("a PostgreSQL server in /usr/lib/postgresql (apt-get install postgresql)");
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "the scale-out rehearsal needs " + String.join(", ", missing);
        if ("1".equals(System.getenv("LANYARD_CI"))) {
            throw new IllegalStateException("LANYARD_CI=1 but " + message);
        }
        Assumptions.abort(message);
    }
}
