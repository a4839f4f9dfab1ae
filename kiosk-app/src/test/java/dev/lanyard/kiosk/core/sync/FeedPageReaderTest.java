package dev.lanyard.kiosk.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.json.InvalidMessageException;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.Change;
import dev.lanyard.model.protocol.ChangeType;
import dev.lanyard.model.protocol.ChangesPage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FeedPageReaderTest {
    private final UUID eventId = UUID.randomUUID();

    @Test
    void readsAPageAsTheTreeReaderDoes() throws IOException {
        Participant alice = Seed.participant(eventId, "Alice", "alice@example.com", "Acme", 7);
        Participant bob = Seed.participant(eventId, "홍길동", null, null, null);
        byte[] json = Json.writeBytes(new ChangesPage(List.of(Change.of(5, alice), Change.of(6, bob)), 6, true));
        FeedPageReader.Page page = FeedPageReader.read(new ByteArrayInputStream(json));
        assertThat(page.entries()).containsExactly(new FeedEntry(5, ChangeType.PARTICIPANT, alice),
                new FeedEntry(6, ChangeType.PARTICIPANT, bob));
        assertThat(page.lastSeq()).isEqualTo(6);
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    void theEventsHeadSeqIsRead() throws IOException {
        Participant alice = Seed.participant(eventId, "Alice", null, null, null);
        byte[] json = Json.writeBytes(new ChangesPage(List.of(Change.of(5, alice)), 5, true, 90_000L));
        assertThat(FeedPageReader.read(new ByteArrayInputStream(json)).headSeq()).isEqualTo(90_000);
    }

    @Test
    void aPageWithoutHeadSeqSaysSo() throws IOException {
        String json = "{\"changes\":[],\"lastSeq\":0,\"hasMore\":false}";
        assertThat(FeedPageReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))).headSeq())
                .isEqualTo(-1);
    }

    @Test
    void dataBeforeTypeIsReadToo() throws IOException {
        Participant alice = Seed.participant(eventId, "Alice", null, null, null);
        String json = "{\"hasMore\":false,\"changes\":[{\"data\":" + Json.write(alice)
                + ",\"seq\":3,\"type\":\"participant\"}],\"lastSeq\":3}";
        FeedPageReader.Page page = FeedPageReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(page.entries()).containsExactly(new FeedEntry(3, ChangeType.PARTICIPANT, alice));
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void anEntryWithoutDataIsRefused() {
        String json = "{\"changes\":[{\"seq\":3,\"type\":\"participant\"}],\"lastSeq\":3,\"hasMore\":false}";
        assertThatThrownBy(() -> FeedPageReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("changes[0]");
    }

    @Test
    void anInvalidRecordIsRefusedWithWhereItIs() {
        String json = "{\"changes\":[{\"seq\":3,\"type\":\"participant\",\"data\":{\"id\":\"" + UUID.randomUUID()
                + "\",\"eventId\":\"" + eventId + "\",\"email\":\"not an email\"}}],\"lastSeq\":3,\"hasMore\":false}";
        assertThatThrownBy(() -> FeedPageReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("not an email address");
    }
}
