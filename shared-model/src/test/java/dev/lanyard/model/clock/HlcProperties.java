package dev.lanyard.model.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Arbitrary sequences of wall-clock moves, now(), receive() and restore() with extreme values:
 * a wall clock at Long.MIN/MAX or before 1970, stamps far in the past or future, counters at
 * their limit. Whatever happens, the clock never throws and never issues a stamp that does not
 * follow the previous one, except at the one stamp nothing can follow (see
 * {@link HybridLogicalClock}).
 */
class HlcProperties {
    private static final long DRIFT = Duration.ofHours(1).toMillis();
    private static final long NOW = 1_700_000_000_000L;

    sealed interface Step permits SetWall, Now, Receive, Restore { }

    /** The wall-clock supplier answers {@code wall} from now on (a jump back, a broken clock, ...). */
    record SetWall(long wall) implements Step { }

    record Now() implements Step { }

    /** A remote stamp: absolute, or relative to the supplier's current wall when {@code relative}. */
    record Receive(boolean relative, long wall, int counter, String node) implements Step { }

    record Restore(boolean relative, long wall, int counter) implements Step { }

    /** The state a run carries between steps. */
    private static final class Run {
        final long[] wall = {NOW};
        final HybridLogicalClock clock = new HybridLogicalClock("n1", () -> wall[0], Duration.ofMillis(DRIFT));
        Hlc lastIssued;

        long stampWall(boolean relative, long value) {
            if (!relative) {
                return Math.max(0, value);
            }
            long base = Math.max(0, wall[0]);
            long sum = base + value;
            if (value > 0 && sum < base) {
                return Long.MAX_VALUE;
            }
            return Math.max(0, sum);
        }

        Hlc issue(Hlc next) {
            if (lastIssued != null) {
                assertThat(next).as("after %s", lastIssued).satisfiesAnyOf(
                        n -> assertThat(n).isGreaterThan(lastIssued),
                        n -> assertThat(isLargest(lastIssued) && n.equals(lastIssued)).isTrue());
            }
            lastIssued = next;
            return next;
        }
    }

    static boolean isLargest(Hlc h) {
        return h.wall() == Long.MAX_VALUE && h.counter() == Integer.MAX_VALUE;
    }

    /** Every issued stamp is strictly greater than the one issued before it (until the largest stamp). */
    @Property(tries = 2000)
    void issuedStampsStrictlyIncrease(@ForAll("steps") List<Step> steps) {
        Run run = new Run();
        for (Step step : steps) {
            if (step instanceof SetWall s) {
                run.wall[0] = s.wall();
            } else if (step instanceof Now) {
                run.issue(run.clock.now());
            } else if (step instanceof Receive r) {
                run.issue(run.clock.receive(new Hlc(run.stampWall(r.relative(), r.wall()), r.counter(), r.node())));
            } else if (step instanceof Restore r) {
                run.clock.restore(new Hlc(run.stampWall(r.relative(), r.wall()), r.counter(), "n1"));
            }
        }
    }

    /**
     * A received stamp no further ahead than the drift bound, and a restored stamp, order before
     * what the clock issues next (until the largest stamp).
     */
    @Property(tries = 2000)
    void seenStampsOrderBeforeTheNextIssuedStamp(@ForAll("steps") List<Step> steps) {
        Run run = new Run();
        Hlc seen = null;
        for (Step step : steps) {
            if (step instanceof SetWall s) {
                run.wall[0] = s.wall();
                continue;
            }
            Hlc issued;
            if (step instanceof Now) {
                issued = run.clock.now();
            } else if (step instanceof Receive r) {
                Hlc remote = new Hlc(run.stampWall(r.relative(), r.wall()), r.counter(), r.node());
                issued = run.clock.receive(remote);
                if (remote.wall() <= run.stampWall(true, DRIFT)) {
                    assertOrderedBefore(remote, issued);
                }
            } else {
                Restore r = (Restore) step;
                seen = new Hlc(run.stampWall(r.relative(), r.wall()), r.counter(), "n1");
                run.clock.restore(seen);
                continue;
            }
            if (seen != null) {
                assertOrderedBefore(seen, issued);
                seen = null;
            }
        }
    }

    private static void assertOrderedBefore(Hlc seen, Hlc issued) {
        if (!isLargest(issued)) {
            assertThat(issued).as("issued after seeing %s", seen).isGreaterThan(seen);
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> setWall = walls().map(SetWall::new);
        Arbitrary<Step> now = Arbitraries.just(new Now());
        Arbitrary<Step> receive = Combinators.combine(Arbitraries.of(true, false), stampWalls(), counters(), nodes())
                .as(Receive::new);
        Arbitrary<Step> restore = Combinators.combine(Arbitraries.of(true, false), stampWalls(), counters())
                .as(Restore::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, setWall), net.jqwik.api.Tuple.of(4, now),
                net.jqwik.api.Tuple.of(4, receive), net.jqwik.api.Tuple.of(1, restore)).list().ofMaxSize(60);
    }

    /** What a wall-clock supplier may answer: sane times, jumps back, before 1970, the long limits. */
    private static Arbitrary<Long> walls() {
        return Arbitraries.oneOf(
                Arbitraries.of(Long.MIN_VALUE, -1L, 0L, 1L, Long.MAX_VALUE - 1, Long.MAX_VALUE, NOW, NOW - DRIFT, NOW
                + DRIFT),
                Arbitraries.longs().between(NOW - 10 * DRIFT, NOW + 10 * DRIFT),
                Arbitraries.longs());
    }

    /** A stamp's wall: exact values, or offsets from the current wall around the drift bound, or anything. */
    private static Arbitrary<Long> stampWalls() {
        return Arbitraries.oneOf(
                Arbitraries.of(0L, 1L, Long.MAX_VALUE - 1, Long.MAX_VALUE, DRIFT, DRIFT + 1, -DRIFT, Long.MIN_VALUE),
                Arbitraries.longs().between(-3 * DRIFT, 3 * DRIFT),
                Arbitraries.longs());
    }

    private static Arbitrary<Integer> counters() {
        return Arbitraries.oneOf(
                Arbitraries.of(0, 1, Integer.MAX_VALUE - 1, Integer.MAX_VALUE),
                Arbitraries.integers().between(0, Integer.MAX_VALUE));
    }

    private static Arbitrary<String> nodes() {
        return Arbitraries.of("n0", "n1", "n2", "~", "a".repeat(Hlc.MAX_NODE_LENGTH));
    }
}
