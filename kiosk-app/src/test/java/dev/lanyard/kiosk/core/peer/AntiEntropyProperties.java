package dev.lanyard.kiosk.core.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Doors make items, meet in random pairs, exchange with random page sizes and are cut off
 * after a random number of pages; a last round of meetings heals the rest. Every door then
 * holds every item, each door received each item it lacked exactly once, and no exchange
 * ever sent an item the receiver held or could not place.
 */
class AntiEntropyProperties {
    @Property(tries = 300)
    void doorsThatMeetEndUpHoldingTheSameItemsEachReceivedOnce(@ForAll @IntRange(min = 2, max = 7) int doorCount,
                                                               @ForAll @IntRange(min = 0, max = 60) int steps,
                                                               @ForAll long seed) {
        Random random = new Random(seed);
        List<MemoryPeerLog> doors = new ArrayList<>();
        for (int i = 0; i < doorCount; i++) {
            doors.add(new MemoryPeerLog());
        }
        Set<UUID> made = new HashSet<>();
        int[] received = new int[doorCount];
        for (int step = 0; step < steps; step++) {
            int a = random.nextInt(doorCount);
            if (random.nextInt(3) == 0) {
                int b = random.nextInt(doorCount);
                if (a != b) {
                    received[a] += exchange(doors.get(b), doors.get(a), 1 + random.nextInt(5), random.nextInt(4));
                    received[b] += exchange(doors.get(a), doors.get(b), 1 + random.nextInt(5), random.nextInt(4));
                }
            } else {
                for (int n = random.nextInt(4); n > 0; n--) {
                    made.add(doors.get(a).make("door-" + a, PeerItem.Kind.values()[random.nextInt(3)], "{\"n\":" + step
                            + "}").itemId());
                }
            }
        }
        // a ring of complete exchanges, twice round, heals any partition the random meetings left
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < doorCount; i++) {
                int next = (i + 1) % doorCount;
                received[next] += exchange(doors.get(i), doors.get(next), 1 + random.nextInt(5), Integer.MAX_VALUE);
                received[i] += exchange(doors.get(next), doors.get(i), 1 + random.nextInt(5), Integer.MAX_VALUE);
            }
        }
        for (int i = 0; i < doorCount; i++) {
            MemoryPeerLog door = doors.get(i);
            assertThat(door.itemIds()).as("door %d holds every item", i).isEqualTo(made);
            assertThat(door.vector()).isEqualTo(doors.get(0).vector());
            long own = door.vector().get("door-" + i);
            assertThat(received[i]).as("door %d received each item it lacked exactly once", i)
                    .isEqualTo(made.size() - own);
        }
    }

    /** {@code to} asks {@code from} page by page; cut off after {@code maxPages}. @return items received */
    private static int exchange(MemoryPeerLog from, MemoryPeerLog to, int pageSize, int maxPages) {
        int received = 0;
        for (int page = 0; page < maxPages; page++) {
            AntiEntropy.Delta delta = AntiEntropy.delta(from, to.vector(), pageSize, 10_000);
            for (PeerItem item : delta.items()) {
                assertThat(to.accept(item)).as("only what the asker lacks, in order")
                        .isEqualTo(AntiEntropy.Receipt.NEW);
                received++;
            }
            if (delta.complete()) {
                break;
            }
        }
        return received;
    }
}
