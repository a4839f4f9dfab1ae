package dev.lanyard.model.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.RegistrationStatus;
import dev.lanyard.model.clock.Hlc;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ParticipantMergeTest {
    private static final UUID EVENT = Ids.newId();
    private static final UUID PERSON = Ids.newId();

    private static ParticipantPatch patch(Hlc hlc, String field, String value) {
        Map<String, String> fields = new HashMap<>();
        fields.put(field, value);
        return new ParticipantPatch(Ids.newId(), EVENT, PERSON, fields, hlc, null);
    }

    @Test
    void laterStampWins() {
        Participant p = ParticipantMerge.fold(PERSON, EVENT, List.of(
                patch(new Hlc(2_000, 0, "door-1"), "company", "New Co"),
                patch(new Hlc(1_000, 0, "door-2"), "company", "Old Co")));

        assertThat(p.company()).isEqualTo("New Co");
        assertThat(p.stampOf("company")).isEqualTo(new Hlc(2_000, 0, "door-1"));
    }

    @Test
    void counterBreaksTiesOnTheSameMillisecond() {
        Participant p = ParticipantMerge.fold(PERSON, EVENT, List.of(
                patch(new Hlc(1_000, 1, "door-1"), "name", "Second"),
                patch(new Hlc(1_000, 0, "door-1"), "name", "First")));

        assertThat(p.name()).isEqualTo("Second");
    }

    @Test
    void nodeIdBreaksTiesOnWallAndCounter() {
        Participant forward = ParticipantMerge.fold(PERSON, EVENT, List.of(
                patch(new Hlc(1_000, 0, "door-a"), "name", "From A"),
                patch(new Hlc(1_000, 0, "door-b"), "name", "From B")));
        Participant backward = ParticipantMerge.fold(PERSON, EVENT, List.of(
                patch(new Hlc(1_000, 0, "door-b"), "name", "From B"),
                patch(new Hlc(1_000, 0, "door-a"), "name", "From A")));

        assertThat(forward.name()).isEqualTo("From B");
        assertThat(backward).isEqualTo(forward);
    }

    @Test
    void identicalStampsFromABrokenClockStillAgree() {
        Hlc same = new Hlc(1_000, 0, "door-a");
        Participant forward = ParticipantMerge.fold(PERSON, EVENT,
                List.of(patch(same, "name", "Alpha"), patch(same, "name", "Beta")));
        Participant backward = ParticipantMerge.fold(PERSON, EVENT,
                List.of(patch(same, "name", "Beta"), patch(same, "name", "Alpha")));

        assertThat(forward.name()).isEqualTo("Beta");
        assertThat(backward).isEqualTo(forward);
    }

    @Test
    void fieldsMergeIndependently() {
        Participant p = ParticipantMerge.fold(PERSON, EVENT, List.of(
                patch(new Hlc(1_000, 0, "door-1"), "name", "Kim"),
                patch(new Hlc(3_000, 0, "door-2"), "company", "Acme"),
                patch(new Hlc(2_000, 0, "door-3"), "company", "Older"),
                patch(new Hlc(2_500, 0, "door-3"), "registrationStatus", "cancelled"),
                patch(new Hlc(2_600, 0, "door-3"), "custom.role", "Speaker")));

        assertThat(p.name()).isEqualTo("Kim");
        assertThat(p.company()).isEqualTo("Acme");
        assertThat(p.registrationStatus()).isEqualTo(RegistrationStatus.CANCELLED);
        assertThat(p.customAnswers()).containsEntry("role", "Speaker");
        assertThat(p.admissible()).isFalse();
    }

    @Test
    void nullClearsAField() {
        Participant p = ParticipantMerge.fold(PERSON, EVENT, List.of(
                patch(new Hlc(1_000, 0, "door-1"), "phone", "010-1234-5678"),
                patch(new Hlc(2_000, 0, "door-1"), "phone", null)));

        assertThat(p.phone()).isNull();
    }

    @Test
    void aPatchForSomeoneElseIsRefused() {
        Participant other = Participant.blank(Ids.newId(), EVENT);

        assertThatThrownBy(() -> ParticipantMerge.apply(other, patch(new Hlc(1, 0, "d"), "name", "X")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidFieldValuesAreRejectedNamingTheField() {
        assertThatThrownBy(() -> patch(new Hlc(1, 0, "d"), "email", "not-an-email"))
                .hasMessageContaining("fields.email");
        assertThatThrownBy(() -> patch(new Hlc(1, 0, "d"), "registrationStatus", "maybe"))
                .hasMessageContaining("fields.registrationStatus").hasMessageContaining("registered");
        assertThatThrownBy(() -> patch(new Hlc(1, 0, "d"), "shoeSize", "44"))
                .hasMessageContaining("fields.shoeSize is not a participant field");
        assertThatThrownBy(() -> patch(new Hlc(1, 0, "d"), "name", " "))
                .hasMessageContaining("fields.name must not be blank");
    }

    @Test
    void anonymizationOverridesEveryPersonalFieldWrittenLater() {
        Hlc tombstone = new Hlc(2_000, 0, "server");
        Participant p = ParticipantMerge.fold(PERSON, EVENT, List.of(
                new ParticipantPatch(Ids.newId(), EVENT, PERSON,
                        Map.of("name", "Hong Gildong", "email", "hong@example.org",
                        "ticketCode", "T-HONG", "custom.diet", "vegan"), new Hlc(1_000, 0, "door-1"), null),
                patch(tombstone, "anonymized", "true"),
                new ParticipantPatch(Ids.newId(), EVENT, PERSON,
                        Map.of("name", "Hong Gildong", "phone", "010-1234-5678",
                        "company", "Secret Co", "custom.size", "XL"), new Hlc(9_000, 0, "door-1"), null)));

        assertThat(p.anonymized()).isTrue();
        assertThat(p.name()).isEqualTo(Participant.ANONYMIZED_NAME);
        assertThat(p.email()).isNull();
        assertThat(p.phone()).isNull();
        assertThat(p.company()).isNull();
        assertThat(p.customAnswers()).isEmpty();
        assertThat(p.ticketCode()).isEqualTo("T-HONG"); // not personal: check-ins and statistics stay
        assertThat(p.stampOf("name")).isEqualTo(tombstone);
        assertThat(p.stamps().keySet()).noneMatch(k -> k.startsWith("custom."));
    }

    @Test
    void anonymizationCannotBeCleared() {
        assertThatThrownBy(() -> patch(new Hlc(1, 0, "d"), "anonymized", null))
                .hasMessageContaining("fields.anonymized");
        assertThatThrownBy(() -> patch(new Hlc(1, 0, "d"), "anonymized", "false"))
                .hasMessageContaining("fields.anonymized");
    }
}
