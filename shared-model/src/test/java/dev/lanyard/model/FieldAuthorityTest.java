package dev.lanyard.model;

import static dev.lanyard.model.FieldAuthority.Writer.DOOR;
import static dev.lanyard.model.FieldAuthority.Writer.ORGANIZER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.merge.ParticipantMerge;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** One test per row of the table; each row is checked for a new and for an existing participant. */
class FieldAuthorityTest {
    private static final UUID EVENT = Ids.newId();
    private static final UUID ID = Ids.newId();
    private static final Hlc CREATED = new Hlc(1_000, 0, "door-1");
    private static final Hlc LATER = new Hlc(2_000, 0, "door-2");

    /** A walk-in as kiosk-app's WalkInService writes it. */
    private static Map<String, String> walkIn() {
        Map<String, String> fields = new HashMap<>();
        fields.put("name", "Kim");
        fields.put("email", "kim@example.org");
        fields.put("phone", "010");
        fields.put("company", "Acme");
        fields.put("ticketCode", TicketCodes.generate());
        fields.put("source", "walk_in");
        fields.put("registrationStatus", "registered");
        fields.put("custom.diet", "vegan");
        return fields;
    }

    private static ParticipantPatch patch(Map<String, String> fields, Hlc hlc) {
        return new ParticipantPatch(Ids.newId(), EVENT, ID, fields, hlc, null);
    }

    private static Participant existing() {
        return ParticipantMerge.apply(Participant.blank(ID, EVENT), patch(walkIn(), CREATED));
    }

    private static Optional<String> door(Participant current, String field, String value) {
        Map<String, String> fields = new HashMap<>();
        fields.put(field, value);
        return FieldAuthority.refusal(DOOR, current, patch(fields, LATER));
    }

    @Test
    void aDoorCreatesAWalkInWithEveryFieldTheKioskSets() {
        assertThat(FieldAuthority.refusal(DOOR, null, patch(walkIn(), CREATED))).isEmpty();
    }

    @Test
    void nameEmailPhoneCompanyAndCustomAnswersAreTheDoorsAtAnyTime() {
        for (String field : new String[] {"name", "email", "phone", "company", "custom.diet"}) {
            String value = field.equals("email") ? "new@example.org" : "New";
            assertThat(door(existing(), field, value)).as(field).isEmpty();
            assertThat(door(null, field, value)).as(field).isEmpty();
            assertThat(FieldAuthority.doorMayEdit(field)).as(field).isTrue();
        }
        assertThat(door(existing(), "phone", null)).as("clearing").isEmpty();
    }

    @Test
    void ticketCodeIsTheDoorsOnlyAtCreation() {
        assertThat(door(null, "ticketCode", "NEW-CODE")).isEmpty();
        assertThat(door(existing(), "ticketCode", "NEW-CODE"))
                .contains(
                "fields.ticketCode belongs to a participant created already; only the organizer may change it");
        assertThat(FieldAuthority.doorMayEdit("ticketCode")).isFalse();
    }

    @Test
    void sourceIsTheDoorsOnlyAtCreationAndOnlyAsWalkIn() {
        assertThat(door(null, "source", "walk_in")).isEmpty();
        assertThat(door(null, "source", "import")).contains(
                "fields.source: a door creates participants as walk_in, not import; only the organizer may set "
                + "another");
        assertThat(door(existing(), "source", "walk_in")).contains(
                "fields.source belongs to a participant created already; only the organizer may change it");
        assertThat(FieldAuthority.doorMayEdit("source")).isFalse();
    }

    @Test
    void aDoorCannotMakeAnOrganizersParticipantAWalkIn() {
        // created by the organizer with a name and a ticket code only: source reads "direct" but was never written
        Participant organizers = ParticipantMerge.apply(Participant.blank(ID, EVENT),
                patch(Map.of("name", "Kim", "ticketCode", "T-KIM"), CREATED));

        assertThat(door(organizers, "source", "walk_in")).contains(
                "fields.source belongs to a participant created already; only the organizer may change it");
        assertThat(door(organizers, "registrationStatus", "registered")).isPresent();
    }

    @Test
    void aDoorsEditArrivingBeforeItsWalkInLetsTheWalkInIn() {
        Participant editedFirst = ParticipantMerge.apply(Participant.blank(ID, EVENT),
                patch(Map.of("email", "kim@example.org"), LATER));

        assertThat(FieldAuthority.refusal(DOOR, editedFirst, patch(walkIn(), CREATED))).isEmpty();
    }

    @Test
    void registrationStatusIsTheDoorsOnlyAtCreationAndOnlyAsRegistered() {
        assertThat(door(null, "registrationStatus", "registered")).isEmpty();
        assertThat(door(null, "registrationStatus", "waitlist")).get().asString()
                .startsWith("fields.registrationStatus: a door creates");
        assertThat(door(existing(), "registrationStatus", "cancelled")).contains(
                "fields.registrationStatus belongs to a participant created already; only the organizer may change it");
        assertThat(FieldAuthority.doorMayEdit("registrationStatus")).isFalse();
    }

    @Test
    void registrationNumberIsNeverTheDoors() {
        assertThat(door(null, "registrationNumber", "7")).contains(
                "fields.registrationNumber may be set only by the organizer");
        assertThat(door(existing(), "registrationNumber", "7"))
                .contains("fields.registrationNumber may be set only by the organizer");
        assertThat(FieldAuthority.doorMayEdit("registrationNumber")).isFalse();
    }

    @Test
    void mergedIntoIsNeverTheDoors() {
        String other = Ids.newId().toString();
        assertThat(door(null, "mergedInto", other)).contains("fields.mergedInto may be set only by the organizer");
        assertThat(door(existing(), "mergedInto", other)).contains(
                "fields.mergedInto may be set only by the organizer");
        assertThat(FieldAuthority.doorMayEdit("mergedInto")).isFalse();
    }

    @Test
    void theOrganizerMaySetEveryField() {
        for (ParticipantField field : ParticipantField.values()) {
            String value = switch (field) {
                case EMAIL -> "x@example.org";
                case REGISTRATION_NUMBER -> "7";
                case REGISTRATION_STATUS -> "cancelled";
                case SOURCE -> "import";
                case MERGED_INTO -> Ids.newId().toString();
                case ANONYMIZED -> "true";
                default -> "X";
            };
            assertThat(FieldAuthority.refusal(ORGANIZER, existing(), patch(Map.of(field.wire(), value), LATER)))
                    .as(field.wire()).isEmpty();
        }
    }

    @Test
    void everyFieldHasARow() {
        assertThat(Arrays.stream(ParticipantField.values()).map(f -> FieldAuthority.doorRight(f.wire())))
                .doesNotContainNull();
    }

    @Test
    void aDoorMayResendTheCreatingPatchTheParticipantAlreadyHolds() {
        // a kiosk gives its walk-ins back to a server restored from a backup (ADR 0313); the server may still have them
        Participant current = existing();
        Map<String, String> sameWrite = new HashMap<>();
        for (String field : current.stamps().keySet()) {
            sameWrite.put(field, ParticipantField.read(current, field));
        }
        assertThat(FieldAuthority.refusal(DOOR, current, patch(sameWrite, CREATED))).isEmpty();

        sameWrite.put("ticketCode", "FORGED");
        assertThat(FieldAuthority.refusal(DOOR, current, patch(sameWrite, CREATED))).contains(
                "fields.ticketCode belongs to a participant created already; only the organizer may change it");
    }

    @Test
    void oneRefusedFieldRefusesThePatch() {
        Map<String, String> fields = new HashMap<>();
        fields.put("company", "Fine");
        fields.put("mergedInto", Ids.newId().toString());
        assertThat(FieldAuthority.refusal(DOOR, existing(), patch(fields, LATER)))
                .contains("fields.mergedInto may be set only by the organizer");
    }
}
