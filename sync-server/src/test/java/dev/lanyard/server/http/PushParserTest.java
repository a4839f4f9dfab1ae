package dev.lanyard.server.http;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.server.errors.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PushParserTest {
    @Test
    void aBatchOverTheLimitIsRefusedForItsSizeBeforeAnyItemIsRead() {
        // items without ids: reading the first one would fail the request for it, so only a count made first says size
        String body = "{\"ops\":[" + "{},".repeat(PushRequest.MAX_ITEMS) + "{}]}";

        assertThatThrownBy(() -> PushParser.parse(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at most " + PushRequest.MAX_ITEMS + " items");
    }
}
