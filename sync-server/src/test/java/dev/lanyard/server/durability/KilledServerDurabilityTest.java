package dev.lanyard.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Ids;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.Change;
import dev.lanyard.model.protocol.ChangeType;
import dev.lanyard.model.protocol.ChangesPage;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.model.protocol.OpStatus;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.model.protocol.PushResponse;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.ChildServer;
import dev.lanyard.server.support.Fixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An answered push is on disk: the server in a child JVM is killed with SIGKILL right after it
 * answers a push, and after a restart on the same data directory the feed holds every op it
 * answered {@code accepted}, at the seq it answered.
 */
class KilledServerDurabilityTest {
    @TempDir
    Path dir;

    @Test
    void everyAcceptedOpSurvivesAKillRightAfterTheAnswer() throws Exception {
        Path data = dir.resolve("data");
        Path log = dir.resolve("child.log");
        Map<UUID, Long> accepted = new HashMap<>();
        UUID event;
        try (ChildServer.Handle child = ChildServer.Handle.start(data, log)) {
            String[] setup = Files.readString(dir.resolve("setup.txt"), StandardCharsets.UTF_8).split(" ");
            event = UUID.fromString(setup[0]);
            Api api = new Api(child.baseUrl(), setup[1]);
            for (int batch = 0; batch < 8; batch++) {
                List<CheckInOp> ops = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    ops.add(Fixture.checkIn(Ids.newId(), Fixture.DAY1, Set.of(),
                            new Hlc(1_700_000_000_000L + batch, i, "door-1")));
                }
                Api.Res res = api.post("/api/v1/events/" + event + "/ops", PushRequest.ofOps(null, ops));
                assertThat(res.status()).as(res.body()).isEqualTo(200);
                for (OpResult r : res.as(PushResponse.class).results()) {
                    assertThat(r.status()).isEqualTo(OpStatus.ACCEPTED);
                    accepted.put(r.opId(), r.seq());
                }
            }
            child.kill(); // the very moment the last answer arrived
        }

        try (ChildServer.Handle child = ChildServer.Handle.start(data, log)) {
            Api api = new Api(child.baseUrl(), Files.readString(dir.resolve("setup.txt"), StandardCharsets.UTF_8)
                    .split(" ")[1]);
            Map<UUID, Long> stored = new HashMap<>();
            ChangesPage page = api.get("/api/v1/events/" + event + "/changes?after=0&limit=10000")
                    .as(ChangesPage.class);
            for (Change c : page.changes()) {
                if (c.type() == ChangeType.CHECKIN_OP) {
                    stored.put(c.as(CheckInOp.class).opId(), c.seq());
                }
            }
            assertThat(page.hasMore()).isFalse();
            assertThat(stored).hasSize(accepted.size()).containsExactlyInAnyOrderEntriesOf(accepted);
        }
    }
}
