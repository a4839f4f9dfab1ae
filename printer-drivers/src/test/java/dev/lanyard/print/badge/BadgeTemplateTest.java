package dev.lanyard.print.badge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.json.Json;
import dev.lanyard.print.media.BrotherLabel;
import org.junit.jupiter.api.Test;

class BadgeTemplateTest {
    @Test
    void roundTripsThroughJson() {
        BadgeTemplate t = BadgeTemplate.defaultFor(BrotherLabel.D62x100).withRed(new RedAccent(true, 2.0));
        JsonNode json = t.toJson();
        assertThat(BadgeTemplate.fromJson(json)).isEqualTo(t);
        assertThat(json.get("orientation").asText()).isEqualTo("PORTRAIT");
    }

    @Test
    void readsAHandWrittenTemplate() throws Exception {
        JsonNode json = Json.mapper().readTree("""
                {"widthMm": 58, "heightMm": 90,
                 "name": {"box": {"xMm": 3, "yMm": 5, "widthMm": 52, "heightMm": 20},
                          "maxPt": 36, "minPt": 10, "maxLines": 2, "bold": true},
                 "qr": {"xMm": 14, "yMm": 55, "sizeMm": 30}}
                """);
        BadgeTemplate t = BadgeTemplate.fromJson(json);
        assertThat(t.orientation()).isEqualTo(Orientation.PORTRAIT);
        assertThat(t.name().align()).isEqualTo(Align.CENTER);
        assertThat(t.company()).isNull();
    }

    @Test
    void aSlotOutsideTheBadgeIsRejectedWithItsName() throws Exception {
        JsonNode json = Json.mapper().readTree("""
                {"widthMm": 58, "heightMm": 90,
                 "name": {"box": {"xMm": 40, "yMm": 5, "widthMm": 52, "heightMm": 20}, "maxPt": 36, "minPt": 10}}
                """);
        assertThatThrownBy(() -> BadgeTemplate.fromJson(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid badge template").hasMessageContaining("name slot");
    }

    @Test
    void missingNameSlotIsRejected() throws Exception {
        JsonNode json = Json.mapper().readTree("{\"widthMm\": 58, \"heightMm\": 90}");
        assertThatThrownBy(() -> BadgeTemplate.fromJson(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name slot");
    }

    @Test
    void badDataIsRejected() {
        assertThatThrownBy(() -> new BadgeData(" ", null, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
    }
}
