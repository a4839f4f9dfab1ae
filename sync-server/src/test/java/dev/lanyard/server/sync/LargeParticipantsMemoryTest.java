package dev.lanyard.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.DrawingPool;
import dev.lanyard.model.DrawingWinner;
import dev.lanyard.model.Ids;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.PrizeDrawing;
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
import java.time.Instant;
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
            List<UUID> ids = largeParticipants(ops, setup[1]);

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

    /**
     * A drawing's winners were read whole, every record at once, to find the anonymized among them: one drawing of
     * 600 such winners held them all. Found by a review.
     */
    @Test
    void aDrawingOfSixHundredWinnersOf190000CharactersIsWrittenWithinA256MbHeap() throws Exception {
        try (ChildServer.Handle server = ChildServer.Handle.start(dir.resolve("data"), dir.resolve("server.log"))) {
            String[] setup = Files.readString(dir.resolve("setup.txt")).trim().split(" ");
            String ops = server.baseUrl() + "/api/v1/events/" + setup[0] + "/ops";
            List<DrawingWinner> winners = largeParticipants(ops, setup[1]).stream()
                    .map(id -> new DrawingWinner(id, null, null)).toList();
            PrizeDrawing drawing = new PrizeDrawing(Ids.newId(), null, "Bike", DrawingPool.CHECKED_IN, false, null,
                    winners, "olga", Instant.parse("2026-05-20T10:00:00Z"), false, new Hlc(++wall, 0, "door-1"), null);

            List<OpResult> results = push(ops, setup[1], new PushRequest(null, null, null, List.of(drawing), null));

            assertThat(results).singleElement().extracting(OpResult::status).isEqualTo(OpStatus.ACCEPTED);
        }
    }

    private List<UUID> largeParticipants(String ops, String token) throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < PARTICIPANTS; i += PER_CREATING_PUSH) {
            List<ParticipantPatch> creating = new ArrayList<>();
            for (int j = i; j < i + PER_CREATING_PUSH; j++) {
                UUID id = Ids.newId();
                ids.add(id);
                creating.add(patch(id, LargeParticipant.fields(j)));
            }
            assertThat(push(ops, token, creating)).allMatch(r -> r.status() == OpStatus.ACCEPTED);
        }
        return ids;
    }

    private ParticipantPatch patch(UUID participant, Map<String, String> fields) {
        return new ParticipantPatch(Ids.newId(), null, participant, fields, new Hlc(++wall, 0, "organizer"), null);
    }

    private List<OpResult> push(String url, String token, List<ParticipantPatch> patches) throws Exception {
        return push(url, token, new PushRequest(null, null, patches, null, null));
    }

    private List<OpResult> push(String url, String token, PushRequest request) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(3))
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(request)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.read(response.body(), PushResponse.class).results();
    }
}
