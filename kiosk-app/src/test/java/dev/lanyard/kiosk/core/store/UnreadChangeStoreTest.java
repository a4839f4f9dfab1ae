package dev.lanyard.kiosk.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.support.Seed;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feed entries a kiosk's version could not read, counted in a real replica (ADR 0335). */
class UnreadChangeStoreTest {
    @TempDir
    Path dir;
    private UUID eventId;

    @BeforeEach
    void folder() {
        eventId = Seed.folderWithOneEvent(dir);
    }

    @Test
    void entriesMetAgainWhenTheFeedIsReadAgainAreCountedOnce() {
        try (Replica replica = open()) {
            record(replica, "badge_template", 4L, 9L);
            record(replica, "badge_template", 4L, 9L, 12L);

            assertThat(entries(replica)).isEqualTo(3);
            assertThat(firsts(replica))
                    .containsExactly(Map.entry("badge_template", 4L));
        }
    }

    @Test
    void onlyTheFirstEntriesOfATypeSayTheyAreTheFirst() {
        try (Replica replica = open()) {
            assertThat(record(replica, "badge_template", 4L))
                    .isTrue();
            assertThat(record(replica, "badge_template", 5L))
                    .isFalse();
        }
    }

    @Test
    void typesBeyondTheBoundAreCountedTogether() {
        try (Replica replica = open()) {
            for (int i = 0; i < UnreadChangeStore.TYPES_PER_EVENT + 5; i++) {
                long seq = i + 1;
                String type = "type_" + i;
                record(replica, type, seq);
            }

            Map<String, Long> firsts = firsts(replica);
            assertThat(firsts).hasSize(UnreadChangeStore.TYPES_PER_EVENT + 1)
                    .containsEntry(UnreadChangeStore.OTHER_TYPES, (long) UnreadChangeStore.TYPES_PER_EVENT + 1);
            assertThat(entries(replica))
                    .isEqualTo(UnreadChangeStore.TYPES_PER_EVENT + 5);
        }
    }

    @Test
    void readingAgainFromASeqForgetsTheTypesThatBeginThereOrLater() {
        try (Replica replica = open()) {
            record(replica, "early", 3L, 20L);
            record(replica, "late", 10L);

            replica.write(tx -> {
                UnreadChangeStore.forgetFrom(tx, eventId, 10);
                return null;
            });

            assertThat(firsts(replica))
                    .containsExactly(Map.entry("early", 3L));
        }
    }

    private boolean record(Replica replica, String type, Long... seqs) {
        Boolean first = replica.write(tx -> UnreadChangeStore.record(tx, eventId, type, List.of(seqs)));
        return first;
    }

    private long entries(Replica replica) {
        Long entries = replica.write(tx -> UnreadChangeStore.entries(tx, eventId));
        return entries;
    }

    private Map<String, Long> firsts(Replica replica) {
        return replica.write(tx -> UnreadChangeStore.firstOfEachType(tx, eventId));
    }

    private Replica open() {
        return Seed.replica(dir);
    }
}
