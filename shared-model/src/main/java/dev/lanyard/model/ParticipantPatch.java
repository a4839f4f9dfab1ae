package dev.lanyard.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lanyard.model.clock.Hlc;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A write to some of a participant's registers, all stamped with one HLC. Creating a
 * participant (a walk-in, an import) is a patch that sets every field it knows.
 *
 * @param fields wire field name -> new value; a JSON null clears the field
 */
public record ParticipantPatch(UUID patchId, UUID eventId, UUID participantId,
                               // a null value means "clear the field" and must survive the trip
                               @JsonInclude(content = JsonInclude.Include.ALWAYS) Map<String, String> fields,
                               Hlc hlc, String deviceId) {
    public ParticipantPatch {
        Require.present(patchId, "patchId");
        Require.present(participantId, "participantId");
        Require.present(fields, "fields");
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("fields must set at least one field");
        }
        Require.atMost(fields, 120, "fields");
        Require.present(hlc, "hlc");
        TreeMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> entry : fields.entrySet()) {
            ParticipantField.validate(entry.getKey(), entry.getValue());
            copy.put(entry.getKey(), entry.getValue());
        }
        fields = Collections.unmodifiableMap(copy);
        deviceId = deviceId == null ? hlc.node() : Require.text(deviceId, "deviceId", Hlc.MAX_NODE_LENGTH);
    }

    public static ParticipantPatch of(UUID eventId, UUID participantId, Map<String, String> fields, Hlc hlc) {
        return new ParticipantPatch(Ids.newId(), eventId, participantId, fields, hlc, null);
    }

    public ParticipantPatch withEventId(UUID id) {
        return new ParticipantPatch(patchId, id, participantId, fields, hlc, deviceId);
    }

    public boolean creates() {
        return fields.containsKey(ParticipantField.NAME.wire())
                && fields.containsKey(ParticipantField.TICKET_CODE.wire());
    }
}
