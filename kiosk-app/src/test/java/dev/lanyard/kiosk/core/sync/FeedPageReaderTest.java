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
    void eachEntryKeepsWhenTheServerCommittedIt() throws IOException {
        Participant alice = Seed.participant(eventId, "Alice", null, null, null);
        String json = "{\"changes\":[{\"seq\":3,\"type\":\"participant\",\"at\":1700000000123,\"data\":"
                + Json.write(alice) + "},{\"seq\":4,\"type\":\"participant\",\"data\":" + Json.write(alice)
                + "}],\"lastSeq\":4,\"hasMore\":false}";
        FeedPageReader.Page page = FeedPageReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(page.entries()).extracting(FeedEntry::at).containsExactly(1_700_000_000_123L, 0L);
    }

    @Test
    void anEntryThisVersionCannotReadKeepsWhenTheServerCommittedIt() throws IOException {
        String json = "{\"changes\":[{\"seq\":3,\"type\":\"badge_reprint\",\"at\":1700000000123,\"data\":{}}],"
                + "\"lastSeq\":3,\"hasMore\":false}";
        FeedPageReader.Page page = FeedPageReader.readEntryByEntry(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(page.unread()).extracting(FeedPageReader.Unread::at).containsExactly(1_700_000_000_123L);
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

    @Test
    void anEntryOfATypeThisVersionDoesNotKnowFailsTheFastReadAsAnUnreadablePage() {
        String json = page(participantEntry(1, "Alice"), "{\"seq\":2,\"type\":\"badge_template\",\"data\":{}}");
        assertThatThrownBy(() -> FeedPageReader.read(stream(json))).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("changes[1]").hasMessageContaining("badge_template");
    }

    @Test
    void readEntryByEntrySetsAsideAnEntryOfAnUnknownTypeAndKeepsTheOthers() throws IOException {
        String json = page(participantEntry(1, "Alice"), "{\"seq\":2,\"type\":\"badge_template\",\"data\":{}}",
                participantEntry(3, "Bob"));
        FeedPageReader.Page page = FeedPageReader.readEntryByEntry(stream(json));
        assertThat(page.entries()).extracting(FeedEntry::seq).containsExactly(1L, 3L);
        assertThat(page.unread()).singleElement().satisfies(u -> {
            assertThat(u.seq()).isEqualTo(2);
            assertThat(u.type()).isEqualTo("badge_template");
        });
        assertThat(page.lastSeq()).isEqualTo(3);
    }

    @Test
    void readEntryByEntrySetsAsideAKnownTypeWithAValueThisVersionDoesNotKnow() throws IOException {
        String op = "{\"seq\":4,\"type\":\"checkin_op\",\"data\":{\"opId\":\"" + UUID.randomUUID()
                + "\",\"eventId\":\"" + eventId + "\",\"participantId\":\"" + UUID.randomUUID()
                + "\",\"action\":\"checkout\"}}";
        FeedPageReader.Page page = FeedPageReader.readEntryByEntry(stream(page(op)));
        assertThat(page.entries()).isEmpty();
        assertThat(page.unread()).singleElement().satisfies(u -> {
            assertThat(u.seq()).isEqualTo(4);
            assertThat(u.type()).isEqualTo("checkin_op");
        });
    }

    @Test
    void readEntryByEntryReadsAWholePageAsTheFastReadDoes() throws IOException {
        Participant alice = Seed.participant(eventId, "Alice", "alice@example.com", "Acme", 7);
        Participant bob = Seed.participant(eventId, "홍길동", null, null, null);
        byte[] json = Json.writeBytes(new ChangesPage(List.of(Change.of(5, alice), Change.of(6, bob)), 6, true, 9L));
        assertThat(FeedPageReader.readEntryByEntry(new ByteArrayInputStream(json)))
                .isEqualTo(FeedPageReader.read(new ByteArrayInputStream(json)));
    }

    @Test
    void anEntryWithoutASeqCannotBeSetAsideAndFailsThePage() {
        String json = page("{\"type\":\"badge_template\",\"data\":{}}");
        assertThatThrownBy(() -> FeedPageReader.readEntryByEntry(stream(json)))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("seq");
    }

    @Test
    void theTypeOfAnUnreadEntryIsKeptPrintableAndShort() throws IOException {
        String json = page("{\"seq\":2,\"type\":\"" + "x\\u0007".repeat(30) + "\",\"data\":{}}");
        FeedPageReader.Unread unread = FeedPageReader.readEntryByEntry(stream(json)).unread().get(0);
        assertThat(unread.type()).hasSizeLessThanOrEqualTo(FeedPageReader.Unread.TYPE_CHARS).doesNotContain("\u0007");
    }

    private String participantEntry(long seq, String name) {
        return "{\"seq\":" + seq + ",\"type\":\"participant\",\"data\":"
                + Json.write(Seed.participant(eventId, name, null, null, null)) + "}";
    }

    private static String page(String... entries) {
        return "{\"changes\":[" + String.join(",", entries) + "],\"hasMore\":false}";
    }

    private static ByteArrayInputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
