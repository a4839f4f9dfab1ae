package dev.lanyard.kiosk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.kiosk.cli.KioskCli;
import dev.lanyard.kiosk.core.store.DataFolder;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.core.store.jooq.Tables;
import dev.lanyard.kiosk.support.DoorProcess;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code door} processes on loopback, one the static peer of the other, and a real server that is stopped
 * and restarted: a ticket admitted at door 1 while the server is down is refused at door 2 as
 * already in; a ticket admitted at door 2 reaches door 1; with the server back, both doors and
 * the server hold the same ops and the same check-in states, each op once.
 */
class PeerDoorsE2eTest {
    @TempDir
    Path tmp;

    @Test
    void doorsRefuseEachOthersAdmissionsWhileTheServerIsDownAndEndIdenticalWithIt() throws Exception {
        LiveServer live = LiveServer.start(tmp.resolve("server"), 0, false, ReentryPolicy.DENY);
        int serverPort = live.server.port();
        Event event = live.event;
        LocalDate today = live.today;
        Participant alice = live.add("Alice Kim", null, null);
        Participant bob = live.add("Bob Lee", null, null);
        Path dir1 = tmp.resolve("door1");
        Path dir2 = tmp.resolve("door2");
        String device1 = pair(live, dir1, "Door 1");
        String device2 = pair(live, dir2, "Door 2");
        // each door binds a port of its own choosing (--listen 0) and names it; door 2 dials the one door 1 named,
        // and the connection carries both ways
        try (DoorProcess door1 = DoorProcess.start(dir1, "--day", today.toString(), "--listen", "0");
             DoorProcess door2 = DoorProcess.start(dir2, "--day", today.toString(), "--listen", "0",
                     "--peer", "127.0.0.1:" + door1.awaitListeningPort(Duration.ofSeconds(90)))) {
            assertThat(door2.awaitListeningPort(Duration.ofSeconds(90))).isPositive();
            door1.awaitLog("(Door 2) is talking", 1, Duration.ofSeconds(90));
            door2.awaitLog("(Door 1) is talking", 1, Duration.ofSeconds(90));
            live.close();

            JsonNode admitted = door1.scan(alice.ticketCode());
            assertThat(admitted.get("outcome").asText()).isEqualTo("ADMITTED");
            door2.awaitLog("new items", 1, Duration.ofSeconds(10));
            JsonNode refused = door2.scan(alice.ticketCode());
            assertThat(refused.get("outcome").asText()).as(refused.toString()).isEqualTo("ALREADY_IN");
            assertThat(refused.get("firstDevice").asText()).isEqualTo(device1);

            JsonNode bobIn = door2.scan(bob.ticketCode());
            assertThat(bobIn.get("outcome").asText()).isEqualTo("ADMITTED");
            door1.awaitLog("new items", 1, Duration.ofSeconds(10));
            assertThat(door1.scan(bob.ticketCode()).get("outcome").asText()).isEqualTo("ALREADY_IN");

            live = LiveServer.reopen(tmp.resolve("server"), serverPort, event, today);
            assertThat(door1.endInput()).isZero();
            assertThat(door2.endInput()).isZero();

            Set<UUID> serverOps = new HashSet<>(live.opIds());
            assertThat(serverOps).containsExactlyInAnyOrder(UUID.fromString(admitted.get("opId").asText()),
                    UUID.fromString(bobIn.get("opId").asText()));
            Map<String, Boolean> serverStates = new TreeMap<>();
            live.checkInStates().forEach((key, value) -> serverStates.put(key, value.startsWith("true")));
            for (Path dir : new Path[] {dir1, dir2}) {
                // the door that closed first may not have pulled the other's push: one more round, as its next start
                // would
                StringWriter out = new StringWriter();
                assertThat(KioskCli.run(new PrintWriter(out), Seed.SECRET, "--data", dir.toString(), "sync"))
                        .as(out.toString()).isZero();
                try (Replica replica = Replica.open(DataFolder.at(dir), Seed.SECRET.toCharArray(), false)) {
                    assertThat(opIds(replica)).as(dir + " ops").isEqualTo(serverOps);
                    assertThat(states(replica)).as(dir + " states").isEqualTo(serverStates);
                    assertThat((int) replica.write(OutboxStore::count)).as(dir + " outbox").isZero();
                }
            }
        } finally {
            live.close();
        }
    }

    private static String pair(LiveServer live, Path dir, String name) {
        StringWriter out = new StringWriter();
        int exit = KioskCli.run(new PrintWriter(out), Seed.SECRET, "--data", dir.toString(), "pair", live.url(),
                live.pairingCode().code(),
                "--name", name);
        assertThat(exit).as(out.toString()).isZero();
        return Json.read(out.toString().strip(), JsonNode.class).get("deviceId").asText();
    }

    private static Set<UUID> opIds(Replica replica) {
        return new HashSet<>(replica.write(tx -> tx.dsl().select(Tables.CHECKIN_OP.OP_ID).from(Tables.CHECKIN_OP)
                .fetch(Tables.CHECKIN_OP.OP_ID)));
    }

    private static Map<String, Boolean> states(Replica replica) {
        Map<String, Boolean> out = new TreeMap<>();
        replica.write(tx -> tx.dsl().selectFrom(Tables.CHECKIN_STATE).fetch())
                .forEach(r -> out.put(r.getParticipantId() + "/" + r.getCheckinDay(), r.getCheckedIn()));
        return out;
    }
}
