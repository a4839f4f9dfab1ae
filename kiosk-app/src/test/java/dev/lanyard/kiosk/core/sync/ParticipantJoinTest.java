package dev.lanyard.kiosk.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.merge.ParticipantMerge;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ParticipantJoinTest {
    static final UUID EVENT = Ids.newId();
    static final UUID PERSON = Ids.newId();
    static final ParticipantPatch CREATED = ParticipantPatch.of(EVENT, PERSON,
            Map.of("name", "Hong Gildong", "email", "hong@example.org",
            "ticketCode", "T-HONG"), new Hlc(1_000, 0, "server"));

    @Test
    void aDoorsLaterOfflineEditDoesNotSurviveJoiningTheServersAnonymizedParticipant() {
        // the door's clock runs ahead: its edit is stamped after the server's anonymization
        Participant door = ParticipantMerge.fold(PERSON, EVENT, List.of(CREATED, ParticipantPatch.of(EVENT, PERSON,
                Map.of("name", "Hong Gildong (VIP)", "phone", "010-1234-5678", "custom.diet", "vegan"),
                new Hlc(9_000, 0, "door-1"))));
        Participant server = ParticipantMerge.fold(PERSON, EVENT, List.of(CREATED,
                ParticipantPatch.of(EVENT, PERSON, Map.of("anonymized", "true"), new Hlc(2_000, 0, "server"))));

        Participant joined = ParticipantJoin.join(door, server);

        assertThat(joined.anonymized()).isTrue();
        assertThat(joined.hasPersonalData()).isFalse();
        assertThat(joined.name()).isEqualTo(Participant.ANONYMIZED_NAME);
        assertThat(joined).isEqualTo(ParticipantJoin.join(server, door));
        assertThat(ParticipantJoin.join(joined, door)).isEqualTo(joined);
    }

    /**
     * A newer server's participant carries a stamp for a field this version does not know: replaying it as a patch
     * threw, the page's transaction rolled back, and the door's pull stopped at that entry for good. Found by a
     * review.
     */
    @Test
    void aStampOfAFieldThisVersionDoesNotKnowIsPassedOver() {
        Participant door = ParticipantMerge.fold(PERSON, EVENT, List.of(CREATED));
        Participant fromFeed = Json.read(Json.write(ParticipantMerge.fold(PERSON, EVENT, List.of(CREATED,
                ParticipantPatch.of(EVENT, PERSON, Map.of("name", "Hong Gil-dong"), new Hlc(2_000, 0, "server")))))
                .replace("\"stamps\":{", "\"pronouns\":\"he/him\",\"stamps\":{\"pronouns\":"
                        + "{\"wall\":2000,\"counter\":0,\"node\":\"server\"},"), Participant.class);
        assertThat(fromFeed.stamps()).containsKey("pronouns");

        Participant joined = ParticipantJoin.join(door, fromFeed);

        assertThat(joined.name()).isEqualTo("Hong Gil-dong");
    }
}
