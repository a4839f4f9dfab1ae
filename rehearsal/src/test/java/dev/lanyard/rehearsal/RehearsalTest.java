package dev.lanyard.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short rehearsal, as the host command runs it: a real server child process on embedded H2,
 * five doors with the kiosk's sync code, 50 offline admissions each, all reconnecting at once,
 * and the server killed with SIGKILL in the storm and started again. Nothing may be lost and
 * every door must end with every op. Timing targets are the report's business, not this test's.
 */
class RehearsalTest {
    @TempDir
    Path tmp;

    @Test
    void aServerKilledInTheReconnectStormLosesNoOpAndEveryDoorConverges() throws Exception {
        Plan plan = new Plan(5, 50, 2, null, null, null, Plan.Faults.killAt(Duration.ofMillis(500)),
                Duration.ofMinutes(4), false, tmp.resolve("work"), false,
                List.of("-Xmx512m"), new Plan.Targets(Double.MAX_VALUE, Double.MAX_VALUE));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Report report = new Rehearsal(plan, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        report.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(report.value("server_kills")).as(progress.toString(StandardCharsets.UTF_8)).isEqualTo(1);
        assertThat(report.value("offline_ops")).isEqualTo(250);
        assertThat(report.value("ops_lost")).as(text).isZero();
        assertThat(report.value("ops_server_holds")).as(text).isEqualTo(250 + 5 * 2);
        assertThat(report.value("doors_converged")).as(text).isEqualTo(5);
        assertThat(report.value("dead_letters")).as(text).isZero();
        assertThat(report.value("fanout_unseen")).as(text).isZero();
        assertThat(report.value("server_cpu_cores_until_converged")).as(text).isPositive();
        assertThat(report.reasons()).as(text).isEmpty();
        assertThat(text).contains("ops_lost: 0 ops", "server_converge_s: ", "fanout_p99_ms: ", "server_rss_peak_mb: ",
                "VERDICT: READY");
        assertThat(tmp.resolve("work")).doesNotExist();
    }
}
