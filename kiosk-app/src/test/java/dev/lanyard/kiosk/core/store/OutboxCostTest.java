package dev.lanyard.kiosk.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Event;
import dev.lanyard.model.Ids;
import dev.lanyard.model.ReentryPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox's sender asks for the oldest unsent item before every push, and the sync status counts what is unsent
 * and pending after it, while a desk's scan may wait for the replica (ADR 0342). The rows the server acknowledged stay
 * until the feed shows them, so at a busy desk thousands of them sit before the few unsent ones: asked in id order,
 * H2 read every one of them, bodies and all (1.6 ms a push, 2026-12-05, the kiosk bench's scans).
 * H2's {@code EXPLAIN ANALYZE} counts the rows a query read.
 */
class OutboxCostTest {
    private static final int ACKNOWLEDGED = 3_000;
    private static final int UNSENT = 4;

    @TempDir
    Path dir;

    @Test
    void findingTheOldestUnsentItemReadsOneRowNotTheAcknowledgedOnes() {
        try (Replica replica = busyOutbox()) {
            assertThat(QueryCost.rowsRead(replica, OutboxStore.OLDEST_EVENT)).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void countingTheUnsentItemsReadsThemAlone() {
        try (Replica replica = busyOutbox()) {
            assertThat(QueryCost.rowsRead(replica, OutboxStore.UNSENT)).isLessThanOrEqualTo(UNSENT + 1);
        }
    }

    @Test
    void releasingHeldItemsReadsThemAloneNotTheAcknowledgedOnes() {
        try (Replica replica = busyOutbox()) {
            replica.write(tx -> {
                OutboxStore.hold(tx, ACKNOWLEDGED + 1L);
                return null;
            });
            String plan = QueryCost.plan(replica, OutboxStore.RELEASE_HELD);

            assertThat(plan).doesNotContain("tableScan").contains("OUTBOX_UNSENT");
            assertThat(replica.write(OutboxStore::unsent)).isEqualTo(UNSENT);
        }
    }

    @Test
    void countingPendingOpsReadsAnIndexNotTheRows() {
        try (Replica replica = busyOutbox()) {
            String plan = QueryCost.plan(replica, OutboxStore.COUNT_OF_KIND, "OP");

            assertThat(plan).doesNotContain("tableScan").contains("OUTBOX_KIND");
        }
    }

    @Test
    void theOldestUnsentItemIsStillFoundInTheOrderItWasMade() {
        try (Replica replica = busyOutbox()) {
            var oldest = replica.write(tx -> OutboxStore.oldest(tx, OutboxStore.oldestEvent(tx), 10));

            assertThat(oldest).hasSize(UNSENT);
            assertThat(oldest.get(0).id()).isEqualTo(ACKNOWLEDGED + 1L);
            int unsent = replica.write(OutboxStore::unsent);
            int ops = replica.write(tx -> OutboxStore.count(tx, OutboxStore.Kind.OP));
            assertThat(unsent).isEqualTo(UNSENT);
            assertThat(ops).isEqualTo((ACKNOWLEDGED + UNSENT) / 2);
        }
    }

    /** {@value #ACKNOWLEDGED} rows acknowledged, awaiting the feed, then {@value #UNSENT} unsent: ops and attempts. */
    private Replica busyOutbox() {
        Event event = Seed.event(ReentryPolicy.WARN);
        Seed.folder(dir, "http://127.0.0.1:9", List.of(event),
                List.of(Seed.participant(event.id(), "Alice", "a@example.com", null, 1)));
        Replica replica = Replica.open(DataFolder.at(dir), Seed.SECRET.toCharArray(), false);
        replica.write(tx -> tx.dsl().execute("insert into outbox (event_id, kind, item_id, entity_id, body, created_at,"
                + " acked_seq, push_id) select ?, case when mod(x, 2) = 0 then 'OP' else 'ATTEMPT' end, random_uuid(),"
                + " random_uuid(), X'00', 0, x, x / 100 from system_range(1, ?)", event.id(), ACKNOWLEDGED));
        replica.write(tx -> {
            for (int i = 1; i <= UNSENT; i++) {
                UUID id = Ids.newId();
                OutboxStore.add(tx, event.id(), i % 2 == 0 ? OutboxStore.Kind.OP : OutboxStore.Kind.ATTEMPT, id, id,
                        "{}", 0);
            }
            return null;
        });
        return replica;
    }
}
