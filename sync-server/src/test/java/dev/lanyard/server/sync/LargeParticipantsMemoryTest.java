package dev.lanyard.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.Ids;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.model.protocol.OpStatus;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.model.protocol.PushResponse;
import dev.lanyard.server.support.ChildServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write group holds what it reads and writes of participants within a bound of characters, not only of items
 * (ADR 0253): a push naming many large participants is written by a real server in a child JVM with the 256 MB heap
 * of {@link ChildServer}. Before, the group held every named participant's record and new JSON until its commit, and
 * 600 participants of 190,000 characters each ran the server out of memory (a review did the same to a 1 GB server
 * with 2,000); then, with slices sized by a guess from the slice before, 32 walk-ins ahead of them did.
 */
class LargeParticipantsMemoryTest {
    private static final int PARTICIPANTS = 600;
    private static final int PER_CREATING_PUSH = 40; // 40 x 190,000 characters stay under the 8 MB body limit

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private long wall = System.currentTimeMillis();

    @Test
    void aPushEditingSixHundredParticipantsOf190000CharactersIsWrittenWithinA256MbHeap() throws Exception {
        try (ChildServer.Handle server = ChildServer.Handle.start(dir.resolve("data"), dir.resolve("server.log"))) {
            String[] setup = Files.readString(dir.resolve("setup.txt")).trim().split(" ");
            String ops = server.baseUrl() + "/api/v1/events/" + setup[0] + "/ops";
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < PARTICIPANTS; i += PER_CREATING_PUSH) {
                List<ParticipantPatch> creating = new ArrayList<>();
                for (int j = i; j < i + PER_CREATING_PUSH; j++) {
                    UUID id = Ids.newId();
                    ids.add(id);
                    creating.add(patch(id, LargeParticipant.fields(j)));
                }
                assertThat(push(ops, setup[1], creating)).allMatch(r -> r.status() == OpStatus.ACCEPTED);
            }

            List<ParticipantPatch> edits = new ArrayList<>();
            // walk-ins first: a slice of them reads nothing, which must not make the next slice read 512 large ones
            for (int k = 0; k < 32; k++) {
                edits.add(patch(Ids.newId(), Map.of("name", "Walk-in " + k)));
            }
            ids.forEach(id -> edits.add(patch(id, Map.of("company", "Hanbit"))));
            List<OpResult> results = push(ops, setup[1], edits);

            assertThat(results).hasSize(32 + PARTICIPANTS).allMatch(r -> r.status() == OpStatus.ACCEPTED);
        }
    }

    private ParticipantPatch patch(UUID participant, Map<String, String> fields) {
        return new ParticipantPatch(Ids.newId(), null, participant, fields, new Hlc(++wall, 0, "organizer"), null);
    }

    private List<OpResult> push(String url, String token, List<ParticipantPatch> patches) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(3))
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(new PushRequest(null, null, patches, null, null))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.read(response.body(), PushResponse.class).results();
    }
}
