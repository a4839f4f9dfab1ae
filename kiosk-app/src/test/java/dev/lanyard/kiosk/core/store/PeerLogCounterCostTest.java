package dev.lanyard.kiosk.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Event;
import dev.lanyard.model.Ids;
import dev.lanyard.model.ReentryPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scan appends the door's op to the peer log as its origin's next counter, so it asks for the origin's last
 * counter. Asked with {@code max(counter)} under {@code WHERE event_id = ? AND origin = ?}, H2 read every row of the
 * origin: a door's scans got slower with each admission it had made (a third of a scan's time in a wall profile of
 * the kiosk bench's 6,000 scans, 2026-12-03). H2's {@code EXPLAIN ANALYZE} counts the rows a query read.
 */
class PeerLogCounterCostTest {
    @TempDir
    Path dir;

    @Test
    void askingForADoorsLastCounterReadsAFewRowsNotAllItMade() {
        Event event = Seed.event(ReentryPolicy.WARN);
        try (Replica replica = replicaOf(event)) {
            replica.write(tx -> tx.dsl().execute("insert into peer_log (event_id, origin, counter, kind, item_id, body)"
                    + " select ?, 'door-1', x, 'OP', random_uuid(), X'00' from system_range(1, 3000)", event.id()));

            long read = QueryCost.rowsRead(replica, PeerLogStore.LAST_COUNTER, event.id(), "door-1");

            assertThat(read).isLessThanOrEqualTo(5);
        }
    }

    /**
     * A door's vector was {@code select origin, max(counter) ... group by origin}, which read every row of the event's
     * peer log: several times per scan (the push after it, and the page to each of up to three doors), for each page
     * received and each want answered, each in a replica transaction a desk's scan waits behind, so scans got slower
     * through the day.
     */
    @Test
    void computingADoorsVectorReadsAFewRowsPerOriginNotEveryItem() {
        Event event = Seed.event(ReentryPolicy.WARN);
        try (Replica replica = replicaOf(event)) {
            replica.write(tx -> tx.dsl().execute("insert into peer_log (event_id, origin, counter, kind, item_id, body)"
                    + " select ?, case when mod(x, 2) = 0 then 'door-1' else 'door-2' end, (x + 1) / 2, 'OP',"
                    + " random_uuid(), X'00' from system_range(1, 3000)", event.id()));

            long read = QueryCost.rowsReadBy(replica, tx -> PeerLogStore.counts(tx, event.id()));

            assertThat(read).isLessThanOrEqualTo(10);
        }
    }

    /**
     * Guards the walk that replaced the GROUP BY (nothing was wrong here before): the vector is read origin by origin,
     * each from the least string after the one before, so an origin that begins with another's name must not be
     * skipped, nor another event's origin counted.
     */
    @Test
    void aDoorsVectorNamesEachOriginOfItsEventWithItsLastCounter() {
        Event event = Seed.event(ReentryPolicy.WARN);
        try (Replica replica = replicaOf(event)) {
            UUID other = Ids.newId();
            replica.write(tx -> {
                for (String origin : List.of("door-1", "door-10", "door-2")) {
                    tx.dsl().execute("insert into peer_log (event_id, origin, counter, kind, item_id, body)"
                            + " select ?, ?, x, 'OP', random_uuid(), X'00' from system_range(1, ?)", event.id(), origin,
                            origin.length() * 3);
                }
                return tx.dsl().execute("insert into peer_log (event_id, origin, counter, kind, item_id, body)"
                        + " values (?, 'door-15', 1, 'OP', random_uuid(), X'00')", other);
            });

            Map<String, Long> vector = replica.write(tx -> PeerLogStore.counts(tx, event.id()));

            assertThat(vector).containsExactly(Map.entry("door-1", 18L), Map.entry("door-10", 21L),
                    Map.entry("door-2", 18L));
        }
    }

    @Test
    void aDoorsNextItemContinuesItsOriginAndNoOther() {
        Event event = Seed.event(ReentryPolicy.WARN);
        try (Replica replica = replicaOf(event)) {
            replica.write(tx -> tx.dsl().execute("insert into peer_log (event_id, origin, counter, kind, item_id, body)"
                    + " select ?, case when mod(x, 2) = 0 then 'door-1' else 'door-2' end, (x + 1) / 2, 'OP',"
                    + " random_uuid(), X'00' from system_range(1, 41)", event.id()));
            UUID other = Ids.newId();

            long door1 = replica.write(tx -> PeerLogStore.made(tx, event.id(), "door-1", OutboxStore.Kind.OP,
                    Ids.newId(), "{}"));
            long door2 = replica.write(tx -> PeerLogStore.made(tx, event.id(), "door-2", OutboxStore.Kind.OP,
                    Ids.newId(), "{}"));
            long elsewhere = replica.write(tx -> PeerLogStore.made(tx, other, "door-1", OutboxStore.Kind.OP,
                    Ids.newId(), "{}"));

            assertThat(List.of(door1, door2, elsewhere)).containsExactly(21L, 22L, 1L);
        }
    }

    private Replica replicaOf(Event event) {
        Seed.folder(dir, "http://127.0.0.1:9", List.of(event),
                List.of(Seed.participant(event.id(), "Alice", "a@example.com", null, 1)));
        return Replica.open(DataFolder.at(dir), Seed.SECRET.toCharArray(), false);
    }
}
