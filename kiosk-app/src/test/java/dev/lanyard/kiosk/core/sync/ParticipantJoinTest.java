package dev.lanyard.kiosk.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.clock.Hlc;
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
}
