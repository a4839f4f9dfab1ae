package dev.lanyard.kiosk.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.store.CheckInLog;
import dev.lanyard.kiosk.core.store.DataFolder;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.core.store.ScanAttemptLog;
import dev.lanyard.kiosk.core.store.jooq.Tables;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Once a scan has said ADMITTED, the op, the attempt and their outbox rows are on disk: a child
 * JVM scans, the test kills it with SIGKILL the moment it has read the tenth outcome, and a
 * fresh open of the replica finds every admission it was told about.
 */
class ScanDurabilityTest {
    @TempDir
    Path dir;

    @Test
    void everyAdmissionReportedBeforeKill9IsInTheReplica() throws Exception {
        Event event = Seed.event(ReentryPolicy.WARN);
        List<Participant> people = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            people.add(Seed.participant(event.id(), "Guest " + i, null, null, i));
        }
        Seed.folder(dir, "http://127.0.0.1:9", List.of(event), people);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(),
                "-cp", System.getProperty("java.class.path"), DurabilityChild.class.getName(), dir.toString(),
                event.id().toString()));
        people.forEach(p -> command.add(p.ticketCode()));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<UUID> reported = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ADMITTED ")) {
                    reported.add(UUID.fromString(line.split(" ")[2]));
                    if (reported.size() == 10) {
                        child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no flush
                        break;
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(reported).hasSize(10);
        try (Replica replica = Replica.open(DataFolder.at(dir), Seed.SECRET.toCharArray(), false)) {
            for (UUID opId : reported) {
                boolean[] found = replica.write(tx -> new boolean[] {
                        CheckInLog.exists(tx, opId),
                        ScanAttemptLog.existsForOp(tx, opId),
                        tx.dsl().fetchExists(Tables.OUTBOX, Tables.OUTBOX.ITEM_ID.eq(opId))});
                assertThat(found).as("op, attempt and outbox row of " + opId).containsExactly(true, true, true);
            }
        }
    }
}
