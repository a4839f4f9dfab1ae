package dev.lanyard.model;

import dev.lanyard.model.clock.Hlc;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A person on an event's list. Every field is a last-writer-wins register: {@code stamps}
 * holds, per field name, the HLC of the write that set it (see {@link ParticipantField}).
 * A participant can be known by id before any field has arrived (ops and patches travel
 * independently), so no field beyond the ids is mandatory here; the API that creates people
 * demands a name.
 *
 * @param mergedInto set when this participant was found to be a duplicate (a walk-in whose
 *                   email was already registered): check-ins of this id count for that one
 */
public record Participant(UUID id, UUID eventId, String name, String email, String phone, String company,
                          Map<String, String> customAnswers, Integer registrationNumber, String ticketCode,
                          RegistrationStatus registrationStatus, ParticipantSource source, UUID mergedInto,
                          Map<String, Hlc> stamps) {
    /** What an anonymized participant is called, everywhere: name register, drawings, exports. */
    public static final String ANONYMIZED_NAME = "Anonymized participant";

    public Participant {
        Require.present(id, "id");
        Require.present(eventId, "eventId");
        Require.optionalText(name, "name", ParticipantField.MAX_TEXT);
        Require.optionalEmail(email, "email");
        Require.optionalText(phone, "phone", 40);
        Require.optionalText(company, "company", ParticipantField.MAX_TEXT);
        Require.optionalText(ticketCode, "ticketCode", 128);
        customAnswers = customAnswers == null ? Map.of() :
                immutableSorted(Require.atMost(customAnswers, 100, "customAnswers"));
        registrationStatus = registrationStatus == null ? RegistrationStatus.REGISTERED : registrationStatus;
        source = source == null ? ParticipantSource.DIRECT : source;
        stamps = stamps == null ? Map.of() : immutableSorted(stamps);
    }

    /** Nobody yet: the starting point every replica folds patches into. */
    public static Participant blank(UUID id, UUID eventId) {
        return new Participant(id, eventId, null, null, null, null, null, null, null, null, null, null, null);
    }

    public Hlc stampOf(String field) {
        return stamps.getOrDefault(field, Hlc.ZERO);
    }

    /** The newest stamp any register holds ({@link Hlc#ZERO} when none was written). */
    public Hlc latestStamp() {
        return stamps.values().stream().max(java.util.Comparator.naturalOrder()).orElse(Hlc.ZERO);
    }

    /**
     * Anonymized: the tombstone register is set. Its value lives in its stamp alone (it can only
     * ever be "true"), so the record, its JSON and the kiosk's codec need no new component.
     */
    public boolean anonymized() {
        return stamps.containsKey(ParticipantField.ANONYMIZED.wire());
    }

    /** Anything left that could identify the person: a real name, contact details, answers. */
    public boolean hasPersonalData() {
        return (name != null && !ANONYMIZED_NAME.equals(name)) || email != null || phone != null || company != null
                || !customAnswers.isEmpty();
    }

    public boolean admissible() {
        return registrationStatus == RegistrationStatus.REGISTERED;
    }

    /** Whose check-ins these are: the participant this one was merged into, or itself. */
    public UUID canonicalId() {
        return mergedInto == null ? id : mergedInto;
    }

    private static <V> Map<String, V> immutableSorted(Map<String, V> map) {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
