package dev.lanyard.model.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.Participant;
import dev.lanyard.model.json.Json;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /events/{id}/participants/{pid}}: the participant's fields, flat, plus its derived
 * check-in state per day and attendance counts.
 */
public record ParticipantView(@JsonUnwrapped Participant participant, Map<LocalDate, DayCheckIn> checkIns,
                              int attendedDays, int streak) {
    private static final TypeReference<Map<LocalDate, DayCheckIn>> CHECK_INS = new TypeReference<>() { };

    public ParticipantView {
        checkIns = checkIns == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(checkIns));
    }

    // Jackson cannot unwrap into a record constructor, so reading takes the flat object apart by hand
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ParticipantView fromJson(JsonNode node) throws com.fasterxml.jackson.core.JsonProcessingException {
        Participant participant = Json.mapper().treeToValue(node, Participant.class);
        JsonNode days = node.get("checkIns");
        Map<LocalDate, DayCheckIn> checkIns = days == null || days.isNull()
                ? Map.of() : Json.mapper().convertValue(days, CHECK_INS);
        return new ParticipantView(participant, checkIns, node.path("attendedDays").asInt(),
                node.path("streak").asInt());
    }
}
