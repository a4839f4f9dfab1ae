package dev.lanyard.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.model.protocol.OpStatus;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.model.protocol.PushResponse;
import dev.lanyard.server.db.InListQuery;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch's patches are written in slices, dropping the participant records held between them (ADR 0253); answers and
 * merges are what one pass over the batch gives, against a real server.
 */
class SlicedPatchIngestTest {
    @TempDir
    Path dir;
    Fixture f;
    long wall = System.currentTimeMillis();

    @BeforeEach
    void start() {
        f = new Fixture(Backend.H2, dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aPatchRepeatedInALaterSliceOfItsBatchIsADuplicate() {
        List<ParticipantPatch> batch = new ArrayList<>();
        for (int i = 0; i < InListQuery.MAX_LIST + 10; i++) {
            batch.add(patch(Ids.newId(), Map.of("name", "Walk-in " + i)));
        }
        batch.add(batch.get(0));

        List<OpResult> results = push(batch);

        assertThat(results.get(results.size() - 1).status()).isEqualTo(OpStatus.DUPLICATE);
        assertThat(results.get(results.size() - 1).seq()).isEqualTo(results.get(0).seq());
    }

    @Test
    void aParticipantEditedAgainAfterItsRecordWasDroppedKeepsEveryEdit() {
        int large = (int) (PatchIngest.HELD_CHARS / LargeParticipant.STORED_CHARS) + 10;
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < large; i += 20) {
            List<ParticipantPatch> creating = new ArrayList<>();
            for (int j = i; j < Math.min(large, i + 20); j++) {
                UUID id = Ids.newId();
                ids.add(id);
                creating.add(patch(id, LargeParticipant.fields(j)));
            }
            assertThat(push(creating)).allMatch(r -> r.status() == OpStatus.ACCEPTED);
        }
        List<ParticipantPatch> edits = new ArrayList<>();
        ids.forEach(id -> edits.add(patch(id, Map.of("company", "Hanbit"))));
        edits.add(patch(ids.get(0), Map.of("phone", "010-1234-5678")));

        assertThat(push(edits)).allMatch(r -> r.status() == OpStatus.ACCEPTED);

        Participant first = f.organizer.get(f.eventPath() + "/participants/" + ids.get(0)).as(Participant.class);
        assertThat(first.company()).isEqualTo("Hanbit");
        assertThat(first.phone()).isEqualTo("010-1234-5678");
        assertThat(first.customAnswers()).hasSize(95);
    }

    @Test
    void aSliceOfPatchesThatReadNothingHoldsOneIdList() {
        List<ParticipantPatch> walkIns = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            walkIns.add(patch(Ids.newId(), Map.of("name", "Walk-in " + i)));
        }

        assertThat(PatchIngest.sliceEnd(walkIns, 0, Map.of())).isEqualTo(InListQuery.MAX_LIST);
    }

    @Test
    void aSliceEndsBeforeThePatchThatWouldTakeItsReadsPastItsCharacters() {
        List<ParticipantPatch> batch = new ArrayList<>();
        Map<UUID, Integer> sizes = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            ParticipantPatch p = patch(Ids.newId(), Map.of("company", "Hanbit"));
            batch.add(p);
            sizes.put(p.participantId(), i < 5 ? 0 : LargeParticipant.STORED_CHARS);
        }

        int largeInASlice = (int) (PatchIngest.SLICE_CHARS / LargeParticipant.STORED_CHARS);
        assertThat(PatchIngest.sliceEnd(batch, 0, sizes)).isEqualTo(5 + largeInASlice);
    }

    private ParticipantPatch patch(UUID participant, Map<String, String> fields) {
        return new ParticipantPatch(Ids.newId(), null, participant, fields, new Hlc(++wall, 0, "organizer"), null);
    }

    private List<OpResult> push(List<ParticipantPatch> patches) {
        Api.Res res = f.organizer.post(f.eventPath() + "/ops", new PushRequest(null, null, patches, null, null));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.as(PushResponse.class).results();
    }
}
