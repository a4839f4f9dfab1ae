package dev.lanyard.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.NotFoundException;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.PairingPayload;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TerminalQrTest {

    /** CI once failed to read one back (MainTest: its certificate and code are random). */
    @Test
    void everyPairingPayloadReadsBackFromTheDrawing() throws Exception {
        Random random = new Random(13);
        List<String> unread = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] cert = new byte[32];
            random.nextBytes(cert);
            String payload = Json.write(new PairingPayload("https://venue:8443", "ABCD" + random.nextInt(1_000_000),
                    new UUID(random.nextLong(), random.nextLong()), HexFormat.of().formatHex(cert)));
            try {
                assertThat(TerminalDrawing.read(TerminalQr.render(payload))).isEqualTo(payload);
            } catch (NotFoundException e) {
                unread.add(payload);
            }
        }
        assertThat(unread).isEmpty();
    }

    /** On a dark terminal nothing outside the drawing is light: the quiet zone is what the drawing holds. */
    @Test
    void theDrawingKeepsAQuietZoneOfFourModulesOnEverySide() {
        String[] lines = TerminalQr.render("x").split("\n");
        assertThat(lines[0]).matches("█+").as("two light rows per cell");
        assertThat(lines[1]).matches("█+");
        assertThat(lines[lines.length - 1]).matches("█+");
        assertThat(lines[lines.length - 2]).matches("█+");
        for (String line : lines) {
            assertThat(line).startsWith("████").endsWith("████");
        }
    }
}
