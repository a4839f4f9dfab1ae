package dev.lanyard.model.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class HlcProperties {

    /** Whatever the wall clock does and whatever arrives, each issued timestamp is greater than the last. */
    @Property(tries = 1000)
    void issuedTimestampsStrictlyIncrease(@ForAll("wallMoves") List<Long> moves, @ForAll("remoteOffsets") List<Long> remotes) {
        long[] wall = {1_700_000_000_000L};
        HybridLogicalClock clock = new HybridLogicalClock("n1", () -> wall[0], Duration.ofHours(1), HybridLogicalClock.SkewPolicy.CLAMP);
        Hlc last = Hlc.ZERO;
        List<Hlc> issued = new ArrayList<>();
        for (int i = 0; i < moves.size(); i++) {
            wall[0] += moves.get(i);
            Hlc next = i < remotes.size()
                    ? clock.receive(new Hlc(Math.max(0, wall[0] + remotes.get(i)), i % 3, "n2"))
                    : clock.now();
            assertThat(next).isGreaterThan(last);
            issued.add(next);
            last = next;
        }
        assertThat(issued).isSorted();
    }

    /** A received timestamp within the drift limit is always ordered before what the clock issues next. */
    @Property(tries = 1000)
    void receiveOrdersAfterTheRemote(@ForAll("remoteOffsets") List<Long> remotes) {
        long[] wall = {1_700_000_000_000L};
        HybridLogicalClock clock = new HybridLogicalClock("n1", () -> wall[0], Duration.ofHours(1), HybridLogicalClock.SkewPolicy.REJECT);
        for (long offset : remotes) {
            Hlc remote = new Hlc(wall[0] + Math.min(offset, Duration.ofHours(1).toMillis()), 2, "n2");
            assertThat(clock.receive(remote)).isGreaterThan(remote);
        }
    }

    @Provide
    Arbitrary<List<Long>> wallMoves() {
        return Arbitraries.longs().between(-3_600_000L, 3_600_000L).list().ofMaxSize(50);
    }

    @Provide
    Arbitrary<List<Long>> remoteOffsets() {
        return Arbitraries.longs().between(-7_200_000L, 7_200_000L).list().ofMaxSize(30);
    }
}
