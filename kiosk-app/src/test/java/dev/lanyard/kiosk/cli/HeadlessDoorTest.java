package dev.lanyard.kiosk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.kiosk.core.store.CheckInLog;
import dev.lanyard.kiosk.core.store.DataFolder;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.support.DoorProcess;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.TicketCodes;
import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskReplica;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.net.InetAddress;
import java.net.Socket;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless door as a real child process: codes on stdin, JSON lines on stdout, a clean end. */
class HeadlessDoorTest {
    @TempDir
    Path tmp;

    private Participant alice;
    private Participant bob;

    Path seeded() {
        Path dir = tmp.resolve("door");
        Event event = Seed.event(ReentryPolicy.WARN);
        alice = Seed.participant(event.id(), "Alice Kim", null, "Acme", null);
        bob = Seed.participant(event.id(), "Bob Lee", null, null, null);
        Seed.folder(dir, "http://127.0.0.1:9", List.of(event), List.of(alice, bob));
        return dir;
    }

    /**
     * A replica that could no longer be written (a failing disk) answered every further line "invalid" input, and the
     * door exited 0 at the end of its input: a turnstile's supervisor never learnt the door had stopped recording.
     */
    @Test
    void aDoorWhoseReplicaFailsSaysSoAndStopsWithItsOwnExitCode() throws Exception {
        Path dir = seeded();

        Served served = serveInProcess(dir, alice.ticketCode() + "\n" + bob.ticketCode() + "\n",
                kiosk -> KioskReplica.of(kiosk).close());

        assertThat(served.exit()).isEqualTo(KioskCli.FAILED);
        assertThat(served.answers()).singleElement().satisfies(line -> assertThat(line)
                .contains("\"error\":\"storage\"").contains("the replica is closed"));
    }

    /** What a door in this process answered, line by line, and how it exited. */
    private record Served(int exit, List<String> answers) {
    }

    /** Serves {@code input} with a door over the folder {@code dir}, after doing {@code first} to its kiosk. */
    private static Served serveInProcess(Path dir, String input, java.util.function.Consumer<Kiosk> first)
            throws Exception {
        StringWriter answers = new StringWriter();
        HeadlessDoor door = HeadlessDoor.answeringOn(new PrintWriter(answers, true));
        try (Kiosk kiosk = Seed.kiosk(dir, Seed.clockAt(Seed.DAY1, 10))) {
            UUID eventId = kiosk.activeEvent().orElseThrow();
            first.accept(kiosk);
            int exit = door.serve(kiosk, eventId, Seed.DAY1,
                    new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
            return new Served(exit, answers.toString().lines().toList());
        }
    }

    @Test
    void answersEachLineWithTheFieldsOfCliScanAndKeepsEveryScanAfterEndOfInput() throws Exception {
        Path dir = seeded();
        UUID admittedOp;
        try (DoorProcess door = DoorProcess.start(dir, "--day", Seed.DAY1.toString())) {
            JsonNode first = door.scan(alice.ticketCode());
            assertThat(first.get("outcome").asText()).isEqualTo("ADMITTED");
            assertThat(first.get("name").asText()).isEqualTo("Alice Kim");
            assertThat(first.get("company").asText()).isEqualTo("Acme");
            admittedOp = UUID.fromString(first.get("opId").asText());
            JsonNode again = door.scan("  " + alice.ticketCode() + "  ");
            assertThat(again.get("outcome").asText()).isEqualTo("REENTRY");
            assertThat(again.get("firstDevice").asText()).isEqualTo(Seed.DEVICE);
            assertThat(door.scan(TicketCodes.generate()).get("outcome").asText()).isEqualTo("UNKNOWN_CODE");
            assertThat(door.endInput()).isZero();
        }
        try (Replica replica = Replica.open(DataFolder.at(dir), Seed.SECRET.toCharArray(), false)) {
            assertThat((boolean) replica.write(tx -> CheckInLog.exists(tx, admittedOp))).isTrue();
            assertThat((int) replica.write(tx -> OutboxStore.count(tx, OutboxStore.Kind.OP)))
                    .as("kept for a server that was not there").isEqualTo(2);
        }
    }

    /**
     * A scanner set to end its codes with a carriage return alone (a serial scanner's default): its codes ran together
     * into one line and no one at the door was answered. Found by a review.
     */
    @Test
    void codesEndedByACarriageReturnAloneAreScansOfTheirOwn() throws Exception {
        Path dir = seeded();

        Served served = serveInProcess(dir, alice.ticketCode() + "\r" + bob.ticketCode() + "\r\n", kiosk -> { });

        assertThat(served.answers()).hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("\"outcome\":\"ADMITTED\""));
    }

    /** A line that never ends (a stuck scanner, a pipe of garbage) grew in memory until the door ran out of it. */
    @Test
    void aLineLongerThanAnyCodeIsAnsweredAsInvalidAndTheNextScanWorks() throws Exception {
        Path dir = seeded();
        try (DoorProcess door = DoorProcess.start(dir, "--day", Seed.DAY1.toString())) {
            JsonNode refused = door.scan("7".repeat(3 * 1024 * 1024));

            assertThat(refused.get("error").asText()).isEqualTo("invalid");
            // dropped as it is read, not held whole and refused by the scan (which answers "ticket code is longer")
            assertThat(refused.get("message").asText()).startsWith("a line longer than 4096 characters");
            assertThat(door.scan(bob.ticketCode()).get("outcome").asText()).isEqualTo("ADMITTED");
            assertThat(door.endInput()).isZero();
        }
    }

    @Test
    void listenZeroBindsAFreePortAndNamesItOnStderr() throws Exception {
        Path dir = seeded();
        try (DoorProcess door = DoorProcess.start(dir, "--day", Seed.DAY1.toString(), "--listen", "0",
                "--discover-on", "off")) {
            int port = door.awaitListeningPort(Duration.ofSeconds(60));
            assertThat(port).isPositive();
            try (Socket peer = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertThat(peer.isConnected()).as("the door accepts on the port it named").isTrue();
            }
            assertThat(door.endInput()).isZero();
        }
    }

    @Test
    void sigtermEndsItCleanlyWithTheReplicaClosedAndItsScansKept() throws Exception {
        Path dir = seeded();
        UUID admittedOp;
        try (DoorProcess door = DoorProcess.start(dir, "--day", Seed.DAY1.toString())) {
            admittedOp = UUID.fromString(door.scan(bob.ticketCode()).get("opId").asText());
            assertThat(door.terminate()).as("SIGTERM's exit status").isEqualTo(143);
        }
        assertThat(tmp.resolve("door.log")).content().contains("door closing: sent 0, still pending 2");
        try (Replica replica = Replica.open(DataFolder.at(dir), Seed.SECRET.toCharArray(), false)) {
            assertThat((boolean) replica.write(tx -> CheckInLog.exists(tx, admittedOp))).isTrue();
        }
    }

    @Test
    void aDoorWhoseServerAnswersHasSentEveryScanWhenItExits() throws Exception {
        try (LiveServer live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.WARN)) {
            Participant p = live.add("Kang Hana", null, null);
            Path dir = tmp.resolve("gate");
            StringWriter out = new StringWriter();
            assertThat(KioskCli.run(new PrintWriter(out), Seed.SECRET, "--data", dir.toString(), "pair", live.url(),
                    live.pairingCode().code(), "--name", "Gate")).as(out.toString()).isZero();
            try (DoorProcess door = DoorProcess.start(dir, "--day", live.today.toString())) {
                UUID op = UUID.fromString(door.scan(p.ticketCode()).get("opId").asText());
                assertThat(door.endInput()).isZero();
                assertThat(live.opIds()).containsExactly(op);
            }
        }
    }

    @Test
    void aLockedDoorSaysSoAndExitsThree() throws Exception {
        Path dir = seeded();
        StringWriter out = new StringWriter();
        int exit = HeadlessDoor.run(new java.io.ByteArrayInputStream(new byte[0]), new PrintWriter(out),
                "wrong secret", "--data", dir.toString());
        assertThat(exit).isEqualTo(KioskCli.LOCKED);
        assertThat(out.toString()).contains("\"error\":\"locked\"");
    }
}
