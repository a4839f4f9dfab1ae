package dev.lanyard.kiosk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.kiosk.core.device.RemoteWipe;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `cli sync` of a kiosk the host revoked: the folder is erased and the answer says so, with what was lost (ADR 0315).
 */
class KioskCliRevokedTest {
    @TempDir
    Path tmp;

    private static JsonNode run(String... args) throws Exception {
        StringWriter out = new StringWriter();
        int exit = KioskCli.run(new PrintWriter(out), Seed.SECRET, args);
        JsonNode node = Json.mapper().readTree(out.toString().lines().reduce((a, b) -> b).orElseThrow());
        ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("exit", exit);
        return node;
    }

    @Test
    void syncOfARevokedKioskErasesItsFolderAndSaysWhatWasLost() throws Exception {
        try (LiveServer live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.WARN)) {
            Participant p = live.add("Kang Hana", null, null);
            Path dir = tmp.resolve("cli-door");
            JsonNode paired = run("--data", dir.toString(), "pair", live.url(), live.pairingCode().code(), "--name",
                    "Turnstile 1");
            run("--data", dir.toString(), "scan", p.ticketCode(), "--day", live.today.toString());
            live.server.admin().revokeDevice(UUID.fromString(paired.get("deviceId").asText()));

            JsonNode sync = run("--data", dir.toString(), "sync");

            assertThat(sync.get("exit").asInt()).isEqualTo(4);
            assertThat(sync.get("error").asText()).isEqualTo("device_revoked");
            assertThat(sync.get("unsyncedLost").asInt()).isEqualTo(2); // the op and its scan attempt
            assertThat(live.opIds()).isEmpty();
            try (Stream<Path> left = Files.list(dir)) {
                assertThat(left.map(f -> f.getFileName().toString())).containsExactly(RemoteWipe.NOTICE);
            }
        }
    }
}
