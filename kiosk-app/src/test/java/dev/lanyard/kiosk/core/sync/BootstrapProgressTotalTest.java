package dev.lanyard.kiosk.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.bootstrap.BootstrapProgress;
import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.support.FakeSyncServer;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Event;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.Change;
import dev.lanyard.model.protocol.ChangesPage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The total a bootstrap reports: the feed's head from the first page, or probed from a server that does not say. */
class BootstrapProgressTotalTest {
    private static final int PARTICIPANTS = 1_500;

    @TempDir
    Path dir;
    final MockWebServer server = new MockWebServer();
    final Event event = Seed.event(ReentryPolicy.WARN);
    final List<Change> feed = new ArrayList<>();
    final AtomicInteger oneEntryRequests = new AtomicInteger();
    volatile boolean sendsHeadSeq;

    @BeforeEach
    void start() throws IOException {
        for (int i = 1; i <= PARTICIPANTS; i++) {
            feed.add(Change.of(i, Seed.participant(event.id(), "Guest " + i, null, null, i)));
        }
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (!request.getUrl().encodedPath().endsWith("/changes")) {
                    return FakeSyncServer.error(404);
                }
                int after = Integer.parseInt(request.getUrl().queryParameter("after"));
                int limit = Integer.parseInt(request.getUrl().queryParameter("limit"));
                if (limit == 1) {
                    oneEntryRequests.incrementAndGet();
                }
                List<Change> page = feed.subList(Math.min(after, feed.size()), Math.min(after + limit, feed.size()));
                long last = page.isEmpty() ? after : page.get(page.size() - 1).seq();
                boolean more = last < feed.size();
                ChangesPage body = new ChangesPage(page, last, more, sendsHeadSeq ? (long) feed.size() : null);
                return FakeSyncServer.json(200, Json.write(body));
            }
        });
        server.start();
        Seed.folder(dir, server.url("/").toString(), List.of(event), List.of());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<BootstrapProgress> bootstrap() throws Exception {
        List<BootstrapProgress> progress = new CopyOnWriteArrayList<>();
        try (Kiosk kiosk = Kiosk.open(Seed.options(dir, Seed.clockAt(Seed.DAY1, 10)).withBatchSizes(500, 500), false)) {
            kiosk.bootstrap(progress::add);
        }
        return progress;
    }

    @Test
    void theFirstPagesHeadSeqIsTheTotalWithoutProbing() throws Exception {
        sendsHeadSeq = true;
        List<BootstrapProgress> progress = bootstrap();
        assertThat(progress).isNotEmpty().allSatisfy(p -> assertThat(p.total()).isEqualTo(PARTICIPANTS));
        assertThat(progress.get(progress.size() - 1).done()).isEqualTo(PARTICIPANTS);
        assertThat(oneEntryRequests).hasValue(0);
    }

    @Test
    void fromAServerWithoutHeadSeqTheTotalIsProbed() throws Exception {
        sendsHeadSeq = false;
        List<BootstrapProgress> progress = bootstrap();
        assertThat(progress).isNotEmpty().allSatisfy(p -> assertThat(p.total()).isEqualTo(PARTICIPANTS));
        assertThat(oneEntryRequests.get()).isPositive();
    }
}
