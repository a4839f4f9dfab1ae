package dev.lanyard.model;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may set which participant register (ADR 0007). A door (a paired device, or an operator's
 * push) corrects contact details and registers walk-ins; what decides admission or identity
 * (status, ticket code once issued, merges, provenance, registration number) is the organizer's
 * or the server's own. The server enforces this table on every pushed patch; the kiosk asks it
 * what its edit form may offer.
 */
public final class FieldAuthority {
    /** The authority a write carries: that of the authenticated caller, never of an id the item claims. */
    public enum Writer {
        /** A paired device or an OPERATOR. */
        DOOR,
        /** An ADMIN, the event's ORGANIZER, or the server itself (organizer edits, import, anonymization, merges). */
        ORGANIZER
    }

    /** When a door may set a register. */
    enum DoorRight {
        /** Contact details and custom answers: any time. */
        ANY_TIME,
        /** Only while the register has never been written: the walk-in that creates the participant. */
        AT_CREATION,
        NEVER
    }

    private static final Map<ParticipantField, DoorRight> DOOR_RIGHTS = new EnumMap<>(ParticipantField.class);
    /** The one value a door may create a register with, where it is not free: a walk-in is a registered walk-in. */
    private static final Map<ParticipantField, String> CREATION_VALUE = new EnumMap<>(ParticipantField.class);

    static {
        DOOR_RIGHTS.put(ParticipantField.NAME, DoorRight.ANY_TIME);
        DOOR_RIGHTS.put(ParticipantField.EMAIL, DoorRight.ANY_TIME);
        DOOR_RIGHTS.put(ParticipantField.PHONE, DoorRight.ANY_TIME);
        DOOR_RIGHTS.put(ParticipantField.COMPANY, DoorRight.ANY_TIME);
        DOOR_RIGHTS.put(ParticipantField.TICKET_CODE, DoorRight.AT_CREATION);
        DOOR_RIGHTS.put(ParticipantField.SOURCE, DoorRight.AT_CREATION);
        DOOR_RIGHTS.put(ParticipantField.REGISTRATION_STATUS, DoorRight.AT_CREATION);
        DOOR_RIGHTS.put(ParticipantField.REGISTRATION_NUMBER, DoorRight.NEVER);
        DOOR_RIGHTS.put(ParticipantField.MERGED_INTO, DoorRight.NEVER);
        // the tombstone (ADR 0008): set only by the server's anonymize action, never pushed by anyone
        DOOR_RIGHTS.put(ParticipantField.ANONYMIZED, DoorRight.NEVER);
        CREATION_VALUE.put(ParticipantField.SOURCE, ParticipantSource.WALK_IN.wire());
        CREATION_VALUE.put(ParticipantField.REGISTRATION_STATUS, RegistrationStatus.REGISTERED.wire());
    }

    private FieldAuthority() {
    }

    /** Whether a door may change this field of an existing participant (what a kiosk's edit form may offer). */
    public static boolean doorMayEdit(String field) {
        return doorRight(field) == DoorRight.ANY_TIME;
    }

    /**
     * Why {@code writer} may not apply {@code patch} to {@code current} (null: not known yet), or
     * empty when it may. The reason names the first field refused.
     */
    public static Optional<String> refusal(Writer writer, Participant current, ParticipantPatch patch) {
        if (writer == Writer.ORGANIZER) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> write : patch.fields().entrySet()) {
            String field = write.getKey();
            String value = write.getValue();
            if (current != null && replays(current, field, value, patch)) {
                continue;
            }
            switch (doorRight(field)) {
                case ANY_TIME -> {
                }
                case AT_CREATION -> {
                    if (created(current)) {
                        return Optional.of("fields." + field
                                + " belongs to a participant created already; only the organizer may change it");
                    }
                    String only = ParticipantField.byWire(field).map(CREATION_VALUE::get).orElse(null);
                    if (only != null && !only.equals(value)) {
                        return Optional.of("fields." + field + ": a door creates participants as " + only + ", not "
                                + value
                                + "; only the organizer may set another");
                    }
                }
                case NEVER -> {
                    return Optional.of("fields." + field + " may be set only by the organizer");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Created: its ticket code register is written, which every creation does (organizer, import,
     * walk-in). Asked per participant, not per field: a participant the organizer created without
     * a source reads as "direct", and a door must not be able to make it a walk-in. A door's edit
     * of a walk-in that reached the server before the walk-in itself writes no ticket code, so
     * the walk-in still goes in.
     */
    private static boolean created(Participant current) {
        return current != null && current.stamps().containsKey(ParticipantField.TICKET_CODE.wire());
    }

    /** DoorRight of a field, for the table's tests. */
    static DoorRight doorRight(String field) {
        return ParticipantField.byWire(field).map(DOOR_RIGHTS::get)
                .orElseGet(() -> ParticipantField.isCustom(field) ? DoorRight.ANY_TIME : DoorRight.NEVER);
    }

    /**
     * The very write the participant already holds (same stamp, same value): it changes nothing.
     * A kiosk re-sends its own writes to a server restored from a backup (ADR 0313), including the
     * ticket code of a walk-in the server may still have.
     */
    private static boolean replays(Participant current, String field, String value, ParticipantPatch patch) {
        return current.stamps().containsKey(field) && current.stampOf(field).equals(patch.hlc())
                && Objects.equals(ParticipantField.read(current, field), value);
    }
}
