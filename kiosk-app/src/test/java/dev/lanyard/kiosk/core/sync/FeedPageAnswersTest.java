package dev.lanyard.kiosk.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.support.FakeSyncServer;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Event;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.json.Json;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feed page must answer the question asked ("the entries after n, at most m", docs/protocol.md): a server, a proxy
 * or a captive portal that answers another question is refused instead of trusted.
 */
class FeedPageAnswersTest {
    private final MockWebServer server = new MockWebServer();
    private ServerApi api;
    private final Event event = Seed.event(ReentryPolicy.WARN);

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        server.start();
        api = new ServerApi(ServerApi.client(null), server.url("/").toString(), () -> "lyd_test");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String entry(long seq) {
        return "{\"seq\":" + seq + ",\"type\":\"event\",\"at\":1,\"data\":" + Json.write(event) + "}";
    }

    private String page(String lastSeq, boolean hasMore, long... seqs) {
        StringBuilder changes = new StringBuilder();
        for (long seq : seqs) {
            changes.append(changes.isEmpty() ? "" : ",").append(entry(seq));
        }
        return "{\"changes\":[" + changes + "],\"lastSeq\":" + lastSeq + ",\"hasMore\":" + hasMore + "}";
    }

    private void answer(String page) {
        server.enqueue(FakeSyncServer.json(200, page));
    }

    @Test
    void aPageOfTheEntriesAfterThePositionAsked() throws SyncException {
        answer(page("7", true, 5, 6, 7));

        FeedPageReader.Page page = api.changePage(event.id(), 4, 3);

        assertThat(page.lastSeq()).isEqualTo(7);
        assertThat(page.entries()).hasSize(3);
    }

    @Test
    void aPageWhoseEntriesAreNotAfterThePositionIsRefused() {
        answer(page("1", true, 1));

        assertThatThrownBy(() -> api.changePage(event.id(), 1, 10)).isInstanceOf(SyncException.class)
                .hasMessageContaining("does not answer");
    }

    @Test
    void aPageWhoseLastSeqPassesItsLastEntryIsRefused() {
        answer(page("6", true, 1, 2, 3));

        assertThatThrownBy(() -> api.changePage(event.id(), 0, 10)).isInstanceOf(SyncException.class)
                .hasMessageContaining("lastSeq 6");
    }

    @Test
    void aPageWithEntriesOutOfOrderIsRefused() {
        answer(page("3", false, 1, 3, 2));

        assertThatThrownBy(() -> api.changePage(event.id(), 0, 10)).isInstanceOf(SyncException.class)
                .hasMessageContaining("does not follow");
    }

    /** The feed's seqs are dense (ADR 0200): a page that skips some moved the door past entries it never applied. */
    @Test
    void aPageThatSkipsSeqsIsRefused() {
        answer(page("5", false, 1, 2, 5));

        assertThatThrownBy(() -> api.changePage(event.id(), 0, 10)).isInstanceOf(SyncException.class)
                .hasMessageContaining("skips");
    }

    @Test
    void aPageLongerThanTheLimitAskedIsRefused() {
        answer(page("3", true, 1, 2, 3));

        assertThatThrownBy(() -> api.changePage(event.id(), 0, 2)).isInstanceOf(SyncException.class)
                .hasMessageContaining("at most 2");
    }

    @Test
    void anEmptyPageThatSaysMoreFollowsIsRefused() {
        answer(page("0", true));

        assertThatThrownBy(() -> api.changePage(event.id(), 0, 10)).isInstanceOf(SyncException.class)
                .hasMessageContaining("empty page");
    }

    /** The pull asked for the same page again and again, holding the event's pull for good. Found by a review. */
    @Test
    @Timeout(60)
    void aServerWhosePagesNeverMovePastThePositionFailsThePull() {
        FakeSyncServer fake = new FakeSyncServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return request.getUrl().encodedPath().endsWith("/changes") ? FakeSyncServer.json(200,
                        page("1", true, 1)) : fake.dispatch(request);
            }
        });
        Seed.folder(dir, server.url("/").toString(), List.of(event), List.of());
        try (Kiosk kiosk = Kiosk.open(Seed.options(dir, Seed.clockAt(Seed.DAY1, 10)), false)) {
            SyncEngine.Round round = kiosk.sync().syncUntilIdle();

            assertThat(round.error()).isNotNull();
            assertThat(round.error().getMessage()).contains("does not answer");
            assertThat(server.getRequestCount()).isLessThan(20);
        }
    }
}
