package dev.lanyard.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Event;
import dev.lanyard.model.Ids;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.OpStatus;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.feed.FeedReader;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The trap the design warns about: with many concurrent writers, a reader that polls
 * {@code seq > after} must never pass over a change that commits late. Eight writers, spread
 * over two server instances sharing the database, push concurrently while a reader polls as fast
 * as it can, remembering only its last seq; at the end, what it saw must equal everything in the
 * table, in strictly increasing, gap-free order.
 */
class ConcurrentFeedTest {
    private static final int WRITERS = 8;
    private static final int BATCHES_PER_WRITER = 25;
    private static final int OPS_PER_BATCH = 10;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void pollingReaderSeesEveryChangeExactlyOnceInSeqOrder(Backend backend) throws Exception {
        var config = backend.config(dir).dbPoolSize(WRITERS + 4).build();
        // two server instances on one database, writers spread over both: what orders them is the database's
        // row lock, not anything inside one JVM (H2 opens the same file database once per JVM)
        try (LanyardServer server = new LanyardServer(config)
                .start(); LanyardServer other = new LanyardServer(config.toBuilder().build()).start()) {
            Event event = server.admin().createEvent(Fixture.eventInput("Busy"), "admin");
            FeedReader feed = server.feedReader();
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Long> seen = new ArrayList<>();
            Future<?> reader = pool.submit(() -> {
                long after = 0;
                boolean lastRound = false;
                while (true) {
                    FeedReader.RawPage page = feed.page(event.id(), after, 37);
                    page.changes().forEach(c -> seen.add(c.seq()));
                    after = page.lastSeq();
                    if (page.changes().isEmpty()) {
                        if (lastRound) {
                            return null;
                        }
                        lastRound = !writing.get();
                    }
                }
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                String node = "door-" + w;
                PushService push = (w % 2 == 0 ? server : other).pushService();
                writers.add(pool.submit(() -> {
                    for (int b = 0; b < BATCHES_PER_WRITER; b++) {
                        List<CheckInOp> ops = new ArrayList<>();
                        for (int i = 0; i < OPS_PER_BATCH; i++) {
                            ops.add(Fixture.checkIn(Ids.newId(), Fixture.DAY1, Set.of(), new Hlc(1_000 + b, i, node)));
                        }
                        var outcome = push.push(event, new PushService.Batch(ops, List.of(), List.of(), List.of(),
                                null));
                        assertThat(outcome.ops()).extracting(r -> r.status()).containsOnly(OpStatus.ACCEPTED);
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            writing.set(false);
            reader.get();
            pool.shutdown();

            // the event's own change, then the ops
            long total = 1 + (long) WRITERS * BATCHES_PER_WRITER * OPS_PER_BATCH;
            Set<Long> inTable = new HashSet<>();
            feed.page(event.id(), 0, 100_000).changes().forEach(c -> inTable.add(c.seq()));
            assertThat(inTable).hasSize((int) total);
            assertThat(seen).hasSize((int) total);
            for (int i = 0; i < seen.size(); i++) {
                assertThat(seen.get(i)).isEqualTo(i + 1L);
            }
            assertThat(new HashSet<>(seen)).isEqualTo(inTable);
        }
    }
}
