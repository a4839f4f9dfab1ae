package dev.lanyard.kiosk.core.sync;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.kiosk.support.FakeSyncServer;
import java.util.UUID;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the kiosk says about an answer it cannot read: staff act on it (pairing shows it). */
class ServerApiAnswersTest {
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
}
