package dev.lanyard.kiosk.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.kiosk.support.FakeSyncServer;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.model.protocol.PushResponse;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the kiosk says about an answer it cannot read (staff act on it: pairing shows it), and how much of an answer it
 * reads at all (ADR 0340).
 */
class ServerApiAnswersTest {
    /** Valid JSON padded with whitespace: without a limit it would be read to the end and accepted (ADR 0340). */
    private static final int PADDING = 48 << 20;
    private static final PushRequest EMPTY_PUSH = new PushRequest("door", List.of(), List.of(), List.of(), List.of());
    private final MockWebServer server = new MockWebServer();
    private ServerApi api;

    @BeforeEach
    void start() throws Exception {
        server.start();
        api = new ServerApi(ServerApi.client(null), server.url("/").toString(), () -> "lyd_test");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anAnswerNamingAValueThisVersionDoesNotKnowSaysToUpdateThisKiosk() {
        server.enqueue(FakeSyncServer.json(200, "{\"changes\":[{\"seq\":1,\"type\":\"badge_template\",\"data\":{}}],"
                + "\"lastSeq\":1,\"hasMore\":false}"));

        assertThatThrownBy(() -> api.changes(UUID.randomUUID(), 0, 10)).isInstanceOf(SyncException.class)
                .hasMessageContaining("newer version of Lanyard").hasMessageContaining("update this kiosk")
                .hasMessageContaining("badge_template");
    }

    @Test
    void anyOtherUnreadableAnswerSaysWhatWasWrongAndNothingAboutVersions() {
        server.enqueue(FakeSyncServer.json(200, "{\"changes\":[{\"seq\":\"x\"}],\"lastSeq\":1,\"hasMore\":false}"));

        assertThatThrownBy(() -> api.changes(UUID.randomUUID(), 0, 10)).isInstanceOf(SyncException.class)
                .hasMessageContaining("unreadable answer").hasMessageNotContaining("newer version");
    }

    @Test
    void aFeedPageLongerThanAnyHonestPageIsRefusedAndNotAskedForAgain() {
        server.enqueue(padded("{\"changes\":[", "],\"lastSeq\":0,\"hasMore\":false}"));

        assertThatThrownBy(() -> api.changePage(UUID.randomUUID(), 0, 10)).isInstanceOfSatisfying(SyncException.class,
                e -> {
                    assertThat(e.answerTooLarge()).isTrue();
                    assertThat(e.kind()).isEqualTo(SyncException.Kind.SERVER);
                    assertThat(e.getMessage()).contains("larger than 16 MB");
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    /**
     * A server (or a proxy, or a captive portal) sending a byte every few seconds never trips the read timeout; the
     * outbox thread waited for such an answer for good (329 s for 160 bytes at a byte every 2 s). Found by a review.
     */
    @Test
    void anAnswerArrivingSlowerThanTheFloorIsGivenUpAsACutOffOne() {
        ServerApi slow = new ServerApi(ServerApi.client(null).newBuilder()
                .addInterceptor(new AnswerLimit(java.time.Duration.ofSeconds(2), 100)).build(),
                server.url("/").toString(), () -> "lyd_test");
        String answer = Json.write(new PushResponse(List.of(OpResult.accepted(UUID.randomUUID(), 1L))));
        server.enqueue(FakeSyncServer.json(200, answer + " ".repeat(200)).newBuilder()
                .throttleBody(10, 1, java.util.concurrent.TimeUnit.SECONDS).build());
        long start = System.nanoTime();

        assertThatThrownBy(() -> slow.push(UUID.randomUUID(), EMPTY_PUSH)).isInstanceOfSatisfying(SyncException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(SyncException.Kind.NETWORK);
                    assertThat(e.getMessage()).contains("too slowly");
                });
        assertThat(System.nanoTime() - start).isLessThan(java.util.concurrent.TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void anAnswerAboveTheFloorIsReadWhole() throws Exception {
        ServerApi slowButFine = new ServerApi(ServerApi.client(null).newBuilder()
                .addInterceptor(new AnswerLimit(java.time.Duration.ofSeconds(2), 100)).build(),
                server.url("/").toString(), () -> "lyd_test");
        UUID item = UUID.randomUUID();
        String answer = Json.write(new PushResponse(List.of(OpResult.accepted(item, 1L))));
        server.enqueue(FakeSyncServer.json(200, answer + " ".repeat(400)).newBuilder()
                .throttleBody(100, 250, java.util.concurrent.TimeUnit.MILLISECONDS).build());

        assertThat(slowButFine.push(UUID.randomUUID(), EMPTY_PUSH).results()).extracting(OpResult::opId)
                .containsExactly(item);
    }

    @Test
    void aPushAnswerIsBoundedToo() {
        server.enqueue(padded("{\"results\":[", "]}"));

        assertThatThrownBy(() -> api.push(UUID.randomUUID(), EMPTY_PUSH))
                .isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.answerTooLarge()).isTrue());
    }

    @Test
    void aSmallGzippedAnswerIsCountedAsItUnfolds() throws IOException {
        Buffer zipped = new Buffer();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped.outputStream())) {
            gzip.write("{\"results\":[".getBytes());
            gzip.write(spaces(PADDING));
            gzip.write("]}".getBytes());
        }
        assertThat(zipped.size()).isLessThan(1 << 20);
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .addHeader("Content-Encoding", "gzip").body(zipped).build());

        assertThatThrownBy(() -> api.push(UUID.randomUUID(), EMPTY_PUSH))
                .isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.getMessage()).contains("larger than"));
    }

    @Test
    void anAnswerUnderTheLimitIsReadAsBefore() throws Exception {
        UUID op = UUID.randomUUID();
        server.enqueue(FakeSyncServer.json(200, Json.write(new PushResponse(List.of(OpResult.accepted(op, 7))))));

        assertThat(api.push(UUID.randomUUID(), EMPTY_PUSH).results())
                .containsExactly(OpResult.accepted(op, 7));
    }

    private static MockResponse padded(String head, String tail) {
        Buffer body = new Buffer().writeUtf8(head).write(spaces(PADDING)).writeUtf8(tail);
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static byte[] spaces(int n) {
        byte[] bytes = new byte[n];
        java.util.Arrays.fill(bytes, (byte) ' ');
        return bytes;
    }
}
