package dev.lanyard.model.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HybridLogicalClockTest {
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private final AtomicLong wall = new AtomicLong(1_700_000_000_000L);

    private HybridLogicalClock clock(HybridLogicalClock.SkewPolicy policy) {
        return new HybridLogicalClock("door-1", wall::get, Duration.ofHours(1), policy);
    }

    @Test
    void followsTheWallClockWhenItMovesForward() {
        HybridLogicalClock clock = clock(HybridLogicalClock.SkewPolicy.CLAMP);
        Hlc first = clock.now();
        wall.addAndGet(5);
        Hlc second = clock.now();

        assertThat(first).isEqualTo(new Hlc(wall.get() - 5, 0, "door-1"));
        assertThat(second).isEqualTo(new Hlc(wall.get(), 0, "door-1"));
    }

    @Test
    void countsWithinOneMillisecond() {
        HybridLogicalClock clock = clock(HybridLogicalClock.SkewPolicy.CLAMP);
        Hlc first = clock.now();
        Hlc second = clock.now();

        assertThat(second.wall()).isEqualTo(first.wall());
        assertThat(second.counter()).isEqualTo(first.counter() + 1);
    }

    @Test
    void staysMonotonicWhenTheWallClockJumpsBack() {
        HybridLogicalClock clock = clock(HybridLogicalClock.SkewPolicy.CLAMP);
        Hlc before = clock.now();
        wall.addAndGet(-HOUR);
        Hlc after = clock.now();

        assertThat(after).isGreaterThan(before);
        assertThat(after.wall()).isEqualTo(before.wall());
    }

    @Test
    void receivedTimestampPullsTheClockForward() {
        HybridLogicalClock clock = clock(HybridLogicalClock.SkewPolicy.CLAMP);
        Hlc remote = new Hlc(wall.get() + 10_000, 7, "door-2");

        Hlc merged = clock.receive(remote);

        assertThat(merged).isGreaterThan(remote);
        assertThat(merged.wall()).isEqualTo(remote.wall());
        assertThat(merged.counter()).isEqualTo(8);
        assertThat(clock.now()).isGreaterThan(merged);
    }

    @Test
    void remoteFarAheadIsRejectedUnderRejectPolicy() {
        HybridLogicalClock clock = clock(HybridLogicalClock.SkewPolicy.REJECT);
        Hlc before = clock.now();
        Hlc farAhead = new Hlc(wall.get() + HOUR + 1, 0, "broken-laptop");

        assertThatThrownBy(() -> clock.receive(farAhead))
                .isInstanceOf(ClockSkewException.class)
                .hasMessageContaining("ahead");
        assertThat(clock.peek()).isEqualTo(before);
    }

    @Test
    void remoteFarAheadIsClampedUnderClampPolicy() {
        HybridLogicalClock clock = clock(HybridLogicalClock.SkewPolicy.CLAMP);
        Hlc farAhead = new Hlc(wall.get() + 365 * 24 * HOUR, 0, "broken-laptop");

        Hlc merged = clock.receive(farAhead);

        assertThat(merged.wall()).isEqualTo(wall.get() + HOUR);
    }

    @Test
    void remoteJustInsideTheLimitIsAdopted() {
        HybridLogicalClock clock = clock(HybridLogicalClock.SkewPolicy.REJECT);
        Hlc ahead = new Hlc(wall.get() + HOUR, 3, "fast-laptop");

        assertThat(clock.receive(ahead).wall()).isEqualTo(ahead.wall());
    }

    @Test
    void restoreNeverMovesBackwards() {
        HybridLogicalClock clock = clock(HybridLogicalClock.SkewPolicy.CLAMP);
        clock.restore(new Hlc(wall.get() + 50, 4, "door-1"));
        Hlc next = clock.now();
        clock.restore(new Hlc(1, 0, "door-1"));

        assertThat(next).isEqualTo(new Hlc(wall.get() + 50, 5, "door-1"));
        assertThat(clock.now()).isGreaterThan(next);
    }

    @Test
    void orderIsWallThenCounterThenNode() {
        Hlc a = new Hlc(10, 5, "z");
        Hlc b = new Hlc(11, 0, "a");
        Hlc c = new Hlc(11, 1, "a");
        Hlc d = new Hlc(11, 1, "b");

        assertThat(a).isLessThan(b);
        assertThat(b).isLessThan(c);
        assertThat(c).isLessThan(d);
        assertThat(Hlc.ZERO).isLessThan(a);
    }

    @Test
    void rejectsBlankNode() {
        assertThatThrownBy(() -> new HybridLogicalClock(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
