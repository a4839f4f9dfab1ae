package dev.lanyard.kiosk.core.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AntiEntropyTest {
    @Test
    void aheadNamesExactlyWhatTheOtherSideLacksInBothDirections() {
        VersionVector door1 = VersionVector.of(Map.of("d1", 5L, "d2", 2L));
        VersionVector door2 = VersionVector.of(Map.of("d1", 3L, "d2", 4L, "d3", 1L));
        assertThat(door1.ahead(door2)).containsExactly(new VersionVector.Range("d1", 3, 5));
        assertThat(door2.ahead(door1)).containsExactly(new VersionVector.Range("d2", 2, 4),
                new VersionVector.Range("d3", 0, 1));
        assertThat(door1.merge(door2)).isEqualTo(VersionVector.of(Map.of("d1", 5L, "d2", 4L, "d3", 1L)));
        assertThat(door1.merge(door2).covers(door1)).isTrue();
        assertThat(door1.covers(door2)).isFalse();
        assertThat(door1.ahead(door1)).isEmpty();
    }

    @Test
    void aVectorNeverGoesBackAndZeroCountsAreNotHeld() {
        VersionVector v = VersionVector.of(Map.of("d1", 3L, "d2", 0L));
        assertThat(v.asMap()).containsOnlyKeys("d1");
        assertThatThrownBy(() -> v.with("d1", 2)).hasMessageContaining("cannot go back");
        assertThatThrownBy(() -> VersionVector.of(Map.of("d1", -1L))).hasMessageStartingWith("count of d1");
        assertThat(v.with("d1", 3)).isSameAs(v);
    }

    @Test
    void anItemIsNewOnlyWhenItContinuesItsOrigin() {
        VersionVector held = VersionVector.of(Map.of("d1", 2L));
        assertThat(AntiEntropy.receive(held, item("d1", 2))).isEqualTo(AntiEntropy.Receipt.HELD);
        assertThat(AntiEntropy.receive(held, item("d1", 3))).isEqualTo(AntiEntropy.Receipt.NEW);
        assertThat(AntiEntropy.receive(held, item("d1", 4))).isEqualTo(AntiEntropy.Receipt.GAP);
        assertThat(AntiEntropy.receive(held, item("d9", 1))).isEqualTo(AntiEntropy.Receipt.NEW);
    }

    @Test
    void aDeltaIsBoundedByItemsAndBytesAndResumesFromWhatWasAccepted() {
        MemoryPeerLog source = new MemoryPeerLog();
        for (int i = 0; i < 7; i++) {
            source.make("d1", PeerItem.Kind.OP, "x".repeat(100));
        }
        source.make("d2", PeerItem.Kind.PATCH, "y".repeat(5_000));
        MemoryPeerLog sink = new MemoryPeerLog();
        AntiEntropy.Delta first = AntiEntropy.delta(source, sink.vector(), 3, 1_000_000);
        assertThat(first.items()).extracting(PeerItem::counter).containsExactly(1L, 2L, 3L);
        assertThat(first.complete()).isFalse();
        first.items().forEach(sink::accept);
        // the byte bound: the large patch does not fit after four small ops, so it starts the next page
        AntiEntropy.Delta second = AntiEntropy.delta(source, sink.vector(), 100, 2_000);
        assertThat(second.items()).extracting(PeerItem::origin).containsOnly("d1").hasSize(4);
        second.items().forEach(sink::accept);
        AntiEntropy.Delta third = AntiEntropy.delta(source, sink.vector(), 100, 2_000);
        assertThat(third.items()).extracting(PeerItem::origin).containsExactly("d2");
        assertThat(third.complete()).isTrue();
        third.items().forEach(sink::accept);
        assertThat(sink.vector()).isEqualTo(source.vector());
        assertThat(AntiEntropy.delta(source, sink.vector(), 100, 2_000))
                .isEqualTo(new AntiEntropy.Delta(List.of(), true));
    }

    /**
     * A page read its items with one query of as many as it wanted (up to 500) and weighed them only after: a listed
     * door that stored 500 items of the largest body a server takes made every door answering a want read and open
     * about 400 MB, under the replica's lock, to send two of them.
     */
    @Test
    void aPageReadsNoFurtherThanOneItemPastItsByteBound() {
        MemoryPeerLog source = new MemoryPeerLog();
        for (int i = 0; i < 500; i++) {
            source.make("d1", PeerItem.Kind.OP, "x".repeat(600));
        }
        CountingReads log = new CountingReads(source);

        AntiEntropy.Delta page = AntiEntropy.delta(log, VersionVector.EMPTY, 500, 1_000);

        assertThat(page.items()).hasSize(1);
        assertThat(log.itemsRead).isLessThanOrEqualTo(page.items().size() + 1);
    }

    /** A log that counts the items its reads return. */
    private static final class CountingReads implements PeerLog {
        private final PeerLog log;
        int itemsRead;

        CountingReads(PeerLog log) {
            this.log = log;
        }

        @Override
        public VersionVector vector() {
            return log.vector();
        }

        @Override
        public List<PeerItem> read(String origin, long after, int limit) {
            List<PeerItem> read = log.read(origin, after, limit);
            itemsRead += read.size();
            return read;
        }
    }

    @Test
    void gossipPushesToAtMostTheFanOut() {
        List<Integer> peers = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(Gossip.targets(peers, 3, new Random(1))).hasSize(3).doesNotHaveDuplicates().isSubsetOf(peers);
        assertThat(Gossip.targets(List.of(1, 2), 3, new Random(1))).containsExactly(1, 2);
        assertThat(Gossip.targets(peers, 0, new Random(1))).isEmpty();
    }

    private static PeerItem item(String origin, long counter) {
        return new PeerItem(origin, counter, PeerItem.Kind.OP, java.util.UUID.randomUUID(), "{}");
    }
}
