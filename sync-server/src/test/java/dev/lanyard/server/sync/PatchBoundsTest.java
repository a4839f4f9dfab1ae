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
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A patch is refused alone for what it would make a participant hold; its batch and every later writer of the
 * participant go on, against a real server.
 */
class PatchBoundsTest {
    @TempDir
    Path dir;
    Fixture f;
    Fixture.PairedDevice door;
    Participant kim;
    Participant lee;
    long wall = System.currentTimeMillis();

    @BeforeEach
    void start() {
        f = new Fixture(Backend.H2, dir);
        door = f.pairDevice();
        kim = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Kim"));
        lee = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Lee"));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aPatchGivingAParticipantA101stCustomAnswerIsRejectedAndTheRestOfItsBatchAccepted() {
        Map<String, String> answers = new HashMap<>();
        for (int i = 0; i <= 100; i++) {
            answers.put("custom.q" + i, "yes");
        }

        List<OpResult> results = push(patch(kim, answers), patch(lee, Map.of("company", "Hanbit")));

        assertThat(results.get(0).status()).isEqualTo(OpStatus.REJECTED);
        assertThat(results.get(0).reason()).contains("customAnswers");
        assertThat(results.get(1).status()).isEqualTo(OpStatus.ACCEPTED);
    }

    @Test
    void clearingEverNewCustomFieldsStopsAtTheStampBudgetAndOthersStillWriteThatParticipant() {
        OpStatus last = OpStatus.ACCEPTED;
        for (int round = 0; round < 20 && last == OpStatus.ACCEPTED; round++) {
            Map<String, String> clears = new HashMap<>();
            for (int i = 0; i < 120; i++) {
                clears.put("custom." + "x".repeat(30) + round + "_" + i, null);
            }
            last = push(patch(kim, clears)).get(0).status();
        }
        assertThat(last).isEqualTo(OpStatus.REJECTED);

        List<OpResult> phone = push(patch(kim, Map.of("phone", "010-1234-5678")));

        assertThat(phone.get(0).status()).isEqualTo(OpStatus.ACCEPTED);
    }

    /**
     * "İ" lower-cases to two characters, so a 254-character address can need more than the 254 its lower-cased
     * column holds: the database refused it, and the whole push with it, on every retry.
     */
    @Test
    void anEmailLongerThanItsColumnOnceLowerCasedIsRejectedAndTheRestOfItsBatchAccepted() {
        String email = "\u0130".repeat(200) + "@example.org";

        List<OpResult> results = push(patch(kim, Map.of("email", email)), patch(lee, Map.of("company", "Hanbit")));

        assertThat(results.get(0).status()).isEqualTo(OpStatus.REJECTED);
        assertThat(results.get(0).reason()).contains("254");
        assertThat(results.get(1).status()).isEqualTo(OpStatus.ACCEPTED);
    }

    private ParticipantPatch patch(Participant p, Map<String, String> fields) {
        return new ParticipantPatch(Ids.newId(), null, p.id(), fields, new Hlc(++wall, 0, door.id().toString()), null);
    }

    private List<OpResult> push(ParticipantPatch... patches) {
        Api.Res res = door.api().post(f.eventPath() + "/ops",
                new PushRequest(door.id().toString(), null, List.of(patches), null, null));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.as(PushResponse.class).results();
    }
}
