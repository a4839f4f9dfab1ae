package dev.lanyard.kiosk.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Event;
import dev.lanyard.model.ReentryPolicy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A door answering a want reads each origin's items a few at a time and stops where the page's byte bound does
 * (AntiEntropy.delta); that bounds what it reads only if the store reads no more rows than it was asked for.
 */
class PeerLogReadCostTest {
    @TempDir
    Path dir;

    /**
     * Read with {@code ORDER BY counter}, which H2 does not take from the primary key's order (ADR 0329), a few items
     * after a counter read every row of the origin after it and sorted them: a page asked of a door holding 3,000
     * items of an origin read all 3,000, each up to 400,000 characters sealed.
     */
    @Test
    void readingAFewItemsOfAnOriginReadsAFewRowsNotAllAfterThem() {
        Event event = Seed.event(ReentryPolicy.WARN);
        try (Replica replica = replicaOf(event)) {
            replica.write(tx -> tx.dsl().execute("insert into peer_log (event_id, origin, counter, kind, item_id, body)"
                    + " select ?, 'door-1', x, 'OP', random_uuid(), ? from system_range(1, 3000)", event.id(),
                    Bytes.val(tx.cipher().seal("{}"))));

            long read = QueryCost.rowsReadBy(replica, tx -> PeerLogStore.read(tx, event.id(), "door-1", 10, 3));

            assertThat(read).isLessThanOrEqualTo(5);
        }
    }

    private Replica replicaOf(Event event) {
        Seed.folder(dir, "http://127.0.0.1:9", List.of(event),
                List.of(Seed.participant(event.id(), "Alice", "a@example.com", null, 1)));
        return Replica.open(DataFolder.at(dir), Seed.SECRET.toCharArray(), false);
    }
}
