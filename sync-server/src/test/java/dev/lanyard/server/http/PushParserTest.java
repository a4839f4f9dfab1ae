package dev.lanyard.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.model.protocol.OpStatus;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.server.errors.InvalidInputException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
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

    /** Only the last array of a name was counted, and every one was read: a second, empty "ops" hid the first. */
    @Test
    void aBatchOverTheLimitInAnArrayNamedTwiceIsRefusedBeforeAnyItemIsRead() {
        String body = "{\"ops\":[" + "{},".repeat(PushRequest.MAX_ITEMS) + "{}],\"ops\":[]}";

        assertThatThrownBy(() -> PushParser.parse(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at most " + PushRequest.MAX_ITEMS + " items");
    }

    /**
     * A batch with a bad item is read again item by item; that second reading built a tree of the whole body, about
     * thirty times its size for empty objects: an 8 MB push padded with {} beside one bad op took some 250 MB, which
     * no body budget counts (four at once, a 1 GB heap). Found by a review.
     */
    @Test
    void aBadBatchIsReadAgainWithoutATreeOfWhatLiesBesideItsItems() {
        UUID bad = UUID.randomUUID();
        byte[] body = ("{\"ops\":[{\"opId\":\"" + bad + "\"}],\"pad\":[" + "{},".repeat(2_000_000) + "{}]}")
                .getBytes(StandardCharsets.UTF_8);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        PushParser.Parsed parsed = PushParser.parse(body);

        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(parsed.ops().bad().get(0).status()).isEqualTo(OpStatus.REJECTED);
        assertThat(allocated).as("bytes allocated reading a %d-byte body", body.length)
                .isLessThan(8L * body.length);
    }

    @Test
    void anItemLongerThanAnyRealItemIsRefusedUnreadByItsId() {
        UUID id = UUID.randomUUID();
        String padded = "{\"pad\":[" + "{},".repeat(PushParser.MAX_ITEM_BYTES / 3) + "{}],\"opId\":\"" + id + "\"}";
        byte[] body = ("{\"ops\":[" + padded + "]}").getBytes(StandardCharsets.UTF_8);

        PushParser.Parsed parsed = PushParser.parse(body);

        assertThat(parsed.ops().bad().get(0).opId()).isEqualTo(id);
        assertThat(parsed.ops().bad().get(0).reason()).contains("ops[0]").contains("longer than");
    }

    @Test
    void anItemLongerThanAnyRealItemWithoutAnIdFailsTheRequest() {
        byte[] body = ("{\"ops\":[{\"pad\":\"" + "x".repeat(PushParser.MAX_ITEM_BYTES) + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> PushParser.parse(body)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ops[0]").hasMessageContaining("longer than");
    }

    /** A bad batch with a second document after it: refused whole, as the one-pass read refuses it. */
    @Test
    void aBadBatchWithTrailingDataIsRefused() {
        byte[] body = ("{\"ops\":[{\"opId\":\"" + UUID.randomUUID() + "\"}]}{\"ops\":[]}")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> PushParser.parse(body)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("trailing data");
    }

    @Test
    void aStringWhereAnItemBelongsIsRefusedForWhatItIs() {
        byte[] body = "{\"ops\":[\"an op\"]}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> PushParser.parse(body)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ops[0]").hasMessageNotContaining("end-of-input");
    }
}
