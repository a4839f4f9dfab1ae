package dev.lanyard.model.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HybridLogicalClockTest {
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private final AtomicLong wall = new AtomicLong(1_700_000_000_000L);

    private HybridLogicalClock clock() {
        return new HybridLogicalClock("door-1", wall::get, Duration.ofHours(1));
    }

    @Test
    void followsTheWallClockWhenItMovesForward() {
        HybridLogicalClock clock = clock();
        Hlc first = clock.now();
        wall.addAndGet(5);
        Hlc second = clock.now();

        assertThat(first).isEqualTo(new Hlc(wall.get() - 5, 0, "door-1"));
        assertThat(second).isEqualTo(new Hlc(wall.get(), 0, "door-1"));
    }

    @Test
    void countsWithinOneMillisecond() {
        HybridLogicalClock clock = clock();
        Hlc first = clock.now();
        Hlc second = clock.now();

        assertThat(second.wall()).isEqualTo(first.wall());
        assertThat(second.counter()).isEqualTo(first.counter() + 1);
    }

    @Test
    void staysMonotonicWhenTheWallClockJumpsBack() {
        HybridLogicalClock clock = clock();
        Hlc before = clock.now();
        wall.addAndGet(-HOUR);
        Hlc after = clock.now();

        assertThat(after).isGreaterThan(before);
        assertThat(after.wall()).isEqualTo(before.wall());
    }

    @Test
    void receivedTimestampPullsTheClockForward() {
        HybridLogicalClock clock = clock();
        Hlc remote = new Hlc(wall.get() + 10_000, 7, "door-2");

        Hlc merged = clock.receive(remote);

        assertThat(merged).isGreaterThan(remote);
        assertThat(merged.wall()).isEqualTo(remote.wall());
        assertThat(merged.counter()).isEqualTo(8);
        assertThat(clock.now()).isGreaterThan(merged);
    }

    @Test
    void remoteFarAheadIsAdoptedOnlyUpToTheDriftBound() {
        HybridLogicalClock clock = clock();
        Hlc farAhead = new Hlc(wall.get() + 365 * 24 * HOUR, 0, "broken-laptop");

        Hlc merged = clock.receive(farAhead);

        assertThat(merged.wall()).isEqualTo(wall.get() + HOUR);
    }

    @Test
    void remoteJustInsideTheLimitIsAdopted() {
        HybridLogicalClock clock = clock();
        Hlc ahead = new Hlc(wall.get() + HOUR, 3, "fast-laptop");

        assertThat(clock.receive(ahead).wall()).isEqualTo(ahead.wall());
    }

    @Test
    void aRemoteCounterAtItsLimitMovesTheWallForward() {
        HybridLogicalClock clock = clock();
        Hlc remote = new Hlc(wall.get() + 60_000, Integer.MAX_VALUE, "hostile");

        Hlc merged = clock.receive(remote);

        assertThat(merged).isEqualTo(new Hlc(remote.wall() + 1, 0, "door-1"));
        assertThat(clock.now()).isGreaterThan(merged);
    }

    @Test
    void aWallClockBeforeTheEpochIsTakenAsTheEpoch() {
        wall.set(-5_000);
        HybridLogicalClock clock = clock();

        Hlc first = clock.now();
        Hlc merged = clock.receive(new Hlc(10, 4, "door-2"));

        assertThat(first.wall()).isZero();
        assertThat(merged).isEqualTo(new Hlc(10, 5, "door-1"));
    }

    @Test
    void aWallClockAtTheLargestInstantDoesNotOverflowTheDriftBound() {
        wall.set(Long.MAX_VALUE);
        HybridLogicalClock clock = clock();

        Hlc merged = clock.receive(new Hlc(Long.MAX_VALUE, 7, "door-2"));

        assertThat(merged).isEqualTo(new Hlc(Long.MAX_VALUE, 8, "door-1"));
    }

    @Test
    void theLargestStampIsWhereTheClockStops() {
        HybridLogicalClock clock = clock();
        Hlc largest = new Hlc(Long.MAX_VALUE, Integer.MAX_VALUE, "door-1");
        clock.restore(largest);

        assertThat(clock.now()).isEqualTo(largest);
        assertThat(clock.receive(largest)).isEqualTo(largest);
    }

    @Test
    void restoreNeverMovesBackwards() {
        HybridLogicalClock clock = clock();
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
