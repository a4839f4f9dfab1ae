package dev.lanyard.model;

/** Limits a drawing to participants whose field has a value, e.g. company = "Acme". */
public record FieldFilter(String field, String value) {
    public FieldFilter {
        Require.text(field, "field", 60);
        if (ParticipantField.byWire(field).isEmpty() && !ParticipantField.isCustom(field)) {
            throw new IllegalArgumentException("field is not a participant field: " + TicketCodes.printable(field));
        }
        Require.optionalText(value, "value", 2_000);
    }

    public boolean matches(Participant participant) {
        String actual = ParticipantField.read(participant, field);
        return value == null ? actual == null : value.equalsIgnoreCase(actual == null ? "" : actual.trim());
    }
}
