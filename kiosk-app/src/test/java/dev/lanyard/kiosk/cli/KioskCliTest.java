package dev.lanyard.kiosk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.kiosk.core.store.UnreadChangeStore;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.kiosk.core.scan.Typist;
import dev.lanyard.model.TicketCodes;
import dev.lanyard.model.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KioskCliTest {
    @TempDir
    Path tmp;

    record Run(int exit, List<String> lines) {
        JsonNode json() {
            assertThat(lines).as("exactly one JSON line on stdout").hasSize(1);
            try {
                return Json.mapper().readTree(lines.get(0));
            } catch (Exception e) {
                throw new AssertionError(lines.get(0), e);
            }
        }
    }

    Run cli(String secret, String... args) {
        StringWriter out = new StringWriter();
        int exit = KioskCli.run(new PrintWriter(out), secret, args);
        return new Run(exit, out.toString().lines().toList());
    }

    Path seeded(Participant... people) {
        Path dir = tmp.resolve("door");
        Event event = Seed.event(ReentryPolicy.WARN);
        List<Participant> list = people.length > 0 ? List.of(people)
                : List.of(Seed.participant(event.id(), "Alice Kim", "alice@example.com", "Acme", 1));
        Seed.folder(dir, "http://127.0.0.1:9", List.of(event),
                list.stream().map(p -> Seed.fromServer(event.id(), p.id(),
                java.util.Map.of("name", p.name(), "ticketCode", p.ticketCode()))).toList());
        return dir;
    }

    @Test
    void scanPrintsTheOutcomeAsOneJsonLineAndExitsZeroWhenAdmitted() {
        Participant alice = Seed.participant(dev.lanyard.model.Ids.newId(), "Alice Kim", null, null, null);
        Path dir = seeded(alice);
        Run first = cli(Seed.SECRET, "--data", dir.toString(), "scan", alice.ticketCode(), "--day",
                Seed.DAY1.toString());
        assertThat(first.exit()).isZero();
        assertThat(first.json().get("outcome").asText()).isEqualTo("ADMITTED");
        assertThat(first.json().get("name").asText()).isEqualTo("Alice Kim");
        Run again = cli(Seed.SECRET, "--data", dir.toString(), "scan", alice.ticketCode(), "--day",
                Seed.DAY1.toString());
        assertThat(again.json().get("outcome").asText()).isEqualTo("REENTRY");
        Run unknown = cli(Seed.SECRET, "--data", dir.toString(), "scan", TicketCodes.generate(), "--day",
                Seed.DAY1.toString());
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.json().get("outcome").asText()).isEqualTo("UNKNOWN_CODE");
        Run undo = cli(Seed.SECRET, "--data", dir.toString(), "undo", alice.ticketCode(), "--day",
                Seed.DAY1.toString());
        assertThat(undo.exit()).isZero();
        assertThat(undo.json().get("outcome").asText()).isEqualTo("UNDONE");
    }

    @Test
    void aCodeTypedThroughTheKoreanInputMethodIsScannedAsTheTicket() {
        Participant alice = Seed.participant(dev.lanyard.model.Ids.newId(), "Alice Kim", null, null, null);
        Path dir = seeded(alice);

        Run scan = cli(Seed.SECRET, "--data", dir.toString(), "scan", Typist.korean2Set(alice.ticketCode()), "--day",
                Seed.DAY1.toString());

        assertThat(scan.exit()).isZero();
        assertThat(scan.json().get("outcome").asText()).isEqualTo("ADMITTED");
        assertThat(scan.json().get("ticketCode").asText()).isEqualTo(alice.ticketCode());
    }

    @Test
    void statusReportsConnectionBacklogAndReplica() {
        Participant alice = Seed.participant(dev.lanyard.model.Ids.newId(), "Alice Kim", null, null, null);
        Path dir = seeded(alice);
        cli(Seed.SECRET, "--data", dir.toString(), "scan", alice.ticketCode(), "--day", Seed.DAY1.toString());
        JsonNode status = cli(Seed.SECRET, "--data", dir.toString(), "status").json();
        assertThat(status.get("online").asBoolean()).isFalse();
        assertThat(status.get("pendingOps").asInt()).isEqualTo(1);
        assertThat(status.get("deadLetters").asInt()).isZero();
        assertThat(status.get("lastSeq").asLong()).isZero();
        assertThat(status.get("participants").asInt()).isEqualTo(1);
        assertThat(status.get("deviceId").asText()).isEqualTo(Seed.DEVICE);
    }

    /** Feed entries this version set aside (ADR 0335) are counted, so a host sees the laptop needs updating. */
    @Test
    void statusCountsTheFeedEntriesThisVersionCouldNotRead() {
        Path dir = tmp.resolve("door");
        java.util.UUID event = Seed.folderWithOneEvent(dir);
        try (var replica = Seed.replica(dir)) {
            replica.write(tx -> UnreadChangeStore.record(tx, event, "badge_template", List.of(4L, 9L, 12L)));
        }

        JsonNode status = cli(Seed.SECRET, "--data", dir.toString(), "status").json();

        assertThat(status.get("unreadChanges").asLong()).isEqualTo(3);
    }

    @Test
    void aWrongOrMissingSecretIsLockedAndBadInputIsAUsageError() throws Exception {
        Path dir = seeded();
        Run wrong = cli("not the secret", "--data", dir.toString(), "status");
        assertThat(wrong.exit()).isEqualTo(3);
        assertThat(wrong.json().get("error").asText()).isEqualTo("locked");
        assertThat(cli(null, "--data", dir.toString(), "status").json().get("message").asText())
                .contains("LANYARD_UNLOCK");
        Path secretFile = tmp.resolve("unlock.txt");
        Files.writeString(secretFile, Seed.SECRET + "\n");
        assertThat(cli(null, "--data", dir.toString(), "--unlock-file", secretFile.toString(), "status").exit())
                .isZero();
        Run badDay = cli(Seed.SECRET, "--data", dir.toString(), "scan", "X", "--day", "tuesday");
        assertThat(badDay.exit()).isEqualTo(2);
        assertThat(badDay.json().get("message").asText()).contains("--day must be a date YYYY-MM-DD");
        assertThat(cli(Seed.SECRET, "--data", dir.toString(), "frobnicate").exit()).isEqualTo(2);
    }

    @Test
    void syncAgainstAnUnreachableServerFailsWithTheBacklogKept() {
        Participant alice = Seed.participant(dev.lanyard.model.Ids.newId(), "Alice Kim", null, null, null);
        Path dir = seeded(alice);
        cli(Seed.SECRET, "--data", dir.toString(), "scan", alice.ticketCode(), "--day", Seed.DAY1.toString());
        Run sync = cli(Seed.SECRET, "--data", dir.toString(), "sync");
        assertThat(sync.exit()).isEqualTo(4);
        assertThat(sync.json().get("error").asText()).isEqualTo("sync_network");
        assertThat(sync.json().get("pending").asInt()).isEqualTo(2);
    }

    @Test
    void pairScanAndSyncAgainstTheRealServer() {
        try (LiveServer live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.WARN)) {
            Participant p = live.add("Kang Hana", "hana@example.com", null);
            Path dir = tmp.resolve("cli-door");
            Run pair = cli(Seed.SECRET, "--data", dir.toString(), "pair", live.url(), live.pairingCode().code(),
                    "--name", "Turnstile 1");
            assertThat(pair.exit()).isZero();
            assertThat(pair.json().get("participants").asInt()).isEqualTo(1);
            assertThat(pair.json().get("events").get(0).asText()).isEqualTo(live.event.id().toString());
            Run scan = cli(Seed.SECRET, "--data", dir.toString(), "scan", p.ticketCode(), "--day",
                    live.today.toString());
            assertThat(scan.json().get("outcome").asText()).isEqualTo("ADMITTED");
            Run sync = cli(Seed.SECRET, "--data", dir.toString(), "sync");
            assertThat(sync.exit()).isZero();
            assertThat(sync.json().get("pending").asInt()).isZero();
            assertThat(live.opIds()).hasSize(1);
            JsonNode status = cli(Seed.SECRET, "--data", dir.toString(), "status").json();
            assertThat(status.get("online").asBoolean()).isTrue();
            assertThat(status.get("lastSeq").asLong()).isEqualTo(live.lastSeq());
            Run again = cli(Seed.SECRET, "--data", dir.toString(), "pair", live.url(), live.pairingCode().code());
            assertThat(again.exit()).isEqualTo(2);
            assertThat(again.json().get("message").asText()).contains("already paired");
        }
    }

    @Test
    void wrongUnlockSecretsLockTheCliOutAsTheyDoTheWindow() {
        Path dir = seeded();
        String[] status = {"--data", dir.toString(), "status"};
        for (int i = 0; i < 6; i++) {
            Run wrong = cli("not-the-secret-" + i, status);
            assertThat(wrong.exit()).isEqualTo(KioskCli.LOCKED);
            assertThat(wrong.json().get("message").asText()).contains("wrong unlock secret");
        }
        Run locked = cli(Seed.SECRET, status);
        assertThat(locked.exit()).isEqualTo(KioskCli.LOCKED);
        assertThat(locked.json().get("message").asText()).startsWith("too many wrong unlock secrets")
                .containsPattern("try again in [0-9]+ s$");
    }
}
