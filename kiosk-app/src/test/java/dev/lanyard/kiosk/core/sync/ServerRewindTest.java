package dev.lanyard.kiosk.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantField;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.merge.ParticipantMerge;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ServerRewindTest {
    private final UUID eventId = UUID.randomUUID();
    private final UUID id = UUID.randomUUID();
    private final Hlc registered = new Hlc(1_000, 0, "door-1");
    private final Hlc editedElsewhere = new Hlc(2_000, 0, "door-2");
    private final Hlc editedHere = new Hlc(3_000, 0, "door-1");

    private Participant walkInEditedTwice() {
        Participant p = Participant.blank(id, eventId);
        p = ParticipantField.write(p, "name", "Late Comer", registered);
        p = ParticipantField.write(p, "ticketCode", "7K3MQ9XD2RTAB", registered);
        p = ParticipantField.write(p, "email", "late@example.com", registered);
        p = ParticipantField.write(p, "email", "late@work.example", editedElsewhere);
        return ParticipantField.write(p, "company", "Acme", editedHere);
    }

    @Test
    void onlyTheFieldsThisDeviceWroteAreGivenBackOnePatchPerStampOldestFirst() {
        List<ParticipantPatch> patches = ServerRewind.writtenHere(walkInEditedTwice(), "door-1");
        assertThat(patches).extracting(ParticipantPatch::hlc).containsExactly(registered, editedHere);
        assertThat(patches.get(0).fields()).isEqualTo(Map.of("name", "Late Comer", "ticketCode", "7K3MQ9XD2RTAB"));
        assertThat(patches.get(0).creates()).isTrue();
        assertThat(patches.get(1).fields()).isEqualTo(Map.of("company", "Acme"));
    }

    @Test
    void theGivenBackPatchesRebuildWhatThisDeviceWrote() {
        Participant original = walkInEditedTwice();
        Participant rebuilt = Participant.blank(id, eventId);
        for (ParticipantPatch patch : ServerRewind.writtenHere(original, "door-1")) {
            rebuilt = ParticipantMerge.apply(rebuilt, patch);
        }
        assertThat(rebuilt.name()).isEqualTo(original.name());
        assertThat(rebuilt.company()).isEqualTo(original.company());
        assertThat(rebuilt.stampOf("name")).isEqualTo(registered);
        assertThat(rebuilt.email()).isNull();
    }

    @Test
    void aParticipantNobodyHereTouchedGivesNothingBack() {
        assertThat(ServerRewind.writtenHere(walkInEditedTwice(), "door-3")).isEmpty();
    }
}
