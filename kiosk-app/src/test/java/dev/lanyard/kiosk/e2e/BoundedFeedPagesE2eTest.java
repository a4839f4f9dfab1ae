package dev.lanyard.kiosk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.bootstrap.BootstrapProgress;
import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.support.Replicas;
import dev.lanyard.model.Ids;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.server.sync.PushService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server cuts a feed page at about 2 MB of JSON whatever limit was asked (ADR 0212); a
 * kiosk asking for 20,000 at a time must follow hasMore through those pages to the end, and
 * applies each of them in a transaction of its own.
 */
class BoundedFeedPagesE2eTest {
    /** About 5 MB of feed: more than two byte-bounded pages after the kiosk's small first one. */
    private static final int PARTICIPANTS = 7_000;

    @TempDir
    Path tmp;

    @Test
    void aBootstrapLongerThanAServerPageArrivesWholeThroughHasMore() throws Exception {
        try (LiveServer live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.WARN)) {
            fill(live);
            try (Kiosk door = pairedDoor(live, "door")) {
                List<BootstrapProgress> progress = new CopyOnWriteArrayList<>();

                door.bootstrap(progress::add);

                assertThat(progress.get(progress.size() - 1)).satisfies(p -> {
                    assertThat(p.finished()).isTrue();
                    assertThat(p.done()).isEqualTo(p.total()).isEqualTo(live.lastSeq());
                });
                assertThat(Replicas.participants(door, live.event.id())).isEqualTo(live.participants());
            }
        }
    }

    /**
     * Each server page is applied in a transaction of its own, a bootstrap's as a catch-up's (ADR 0338): each
     * transaction is one progress report, so the kiosk's small first page and the two or more byte-bounded server
     * pages after it make at least three.
     */
    @Test
    void eachServerPageIsAppliedInATransactionOfItsOwn() throws Exception {
        try (LiveServer live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.WARN)) {
            fill(live);
            try (Kiosk door = pairedDoor(live, "door")) {
                List<BootstrapProgress> progress = new CopyOnWriteArrayList<>();

                door.bootstrap(progress::add);

                assertThat(progress.stream().filter(p -> !p.finished()).count()).isGreaterThanOrEqualTo(3);
                assertThat(Replicas.participants(door, live.event.id())).isEqualTo(live.participants());
            }
        }
    }

    private static void fill(LiveServer live) {
        String filler = "x".repeat(150);
        for (int from = 0; from < PARTICIPANTS; from += PushRequest.MAX_ITEMS) {
            List<ParticipantPatch> patches = new ArrayList<>();
            for (int n = from; n < Math.min(PARTICIPANTS, from + PushRequest.MAX_ITEMS); n++) {
                patches.add(ParticipantPatch.of(live.event.id(), Ids.newId(),
                        Map.of("name", "Guest " + n + " " + filler,
                        "company", "Company " + n + " " + filler), new Hlc(1_700_000_000_000L, n, "import")));
            }
            live.server.pushService().push(live.event, PushService.Batch.ofPatches(patches));
        }
    }

    private Kiosk pairedDoor(LiveServer live, String name) throws Exception {
        Kiosk door = Kiosk.open(LiveServer.options(tmp.resolve(name), Clock.systemUTC()).withBatchSizes(200, 20_000),
                true);
        door.pair(live.url(), live.pairingCode().code(), "Door", null);
        return door;
    }
}
