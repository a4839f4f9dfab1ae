package dev.lanyard.model.clock;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Issues {@link Hlc} timestamps that never go backwards, even when the wall clock does (NTP
 * step, a laptop whose battery died), and that stay close to real time.
 *
 * <p>Receiving a timestamp from another node pulls this clock forward so that anything this
 * node writes afterwards orders after what it has seen. A remote wall time more than
 * {@code maxForwardDrift} ahead of our own wall clock is adopted only up to that limit:
 * without the bound one device with a clock set to next year would drag every replica's
 * timestamps there for good. (Refusing such a stamp is the ingest's decision, not the clock's:
 * the server refuses it before it reaches this clock.)
 *
 * <p>No input makes this clock throw or issue an invalid stamp: every remote {@link Hlc} is
 * valid by construction, a wall clock before 1970 counts as 1970, sums saturate instead of
 * overflowing, and a counter at {@link Integer#MAX_VALUE} carries into the next millisecond.
 * The one limit is the largest stamp, ({@link Long#MAX_VALUE}, {@link Integer#MAX_VALUE}):
 * once there, the clock keeps issuing it, as no greater stamp exists. Only a wall clock or a
 * restored stamp some 292 million years ahead gets it there.
 */
public final class HybridLogicalClock {
    public static final Duration DEFAULT_MAX_FORWARD_DRIFT = Duration.ofHours(1);

    private final String node;
    private final LongSupplier wallClock;
    private final long maxForwardDriftMillis;
    private long lastWall;
    private int lastCounter;

    public HybridLogicalClock(String node) {
        this(node, System::currentTimeMillis, DEFAULT_MAX_FORWARD_DRIFT);
    }

    public HybridLogicalClock(String node, LongSupplier wallClock, Duration maxForwardDrift) {
        if (node == null || node.isBlank() || node.length() > Hlc.MAX_NODE_LENGTH) {
            throw new IllegalArgumentException("node must be 1.." + Hlc.MAX_NODE_LENGTH + " characters");
        }
        if (maxForwardDrift.isNegative()) {
            throw new IllegalArgumentException("maxForwardDrift must not be negative");
        }
        this.node = node;
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.maxForwardDriftMillis = Saturating.millis(maxForwardDrift);
    }

    /** Resumes from a timestamp persisted before a restart, so a restart cannot go backwards. */
    public synchronized void restore(Hlc persisted) {
        if (persisted != null) {
            adopt(persisted.wall(), persisted.counter());
        }
    }

    public String node() {
        return node;
    }

    /** A timestamp for a local event (a write, or a message about to be sent). */
    public synchronized Hlc now() {
        advance(physical());
        return current();
    }

    /**
     * Merges a timestamp received from another node and returns a fresh local timestamp
     * ordered after both it (once clamped to the drift bound) and everything this clock issued
     * before.
     */
    public synchronized Hlc receive(Hlc remote) {
        long physical = physical();
        long limit = Saturating.add(physical, maxForwardDriftMillis);
        if (remote.wall() > limit) {
            adopt(limit, 0);
        } else {
            adopt(remote.wall(), remote.counter());
        }
        advance(physical);
        return current();
    }

    /** Observes a remote timestamp without issuing one (e.g. on a pulled change). */
    public void observe(Hlc remote) {
        receive(remote);
    }

    public synchronized Hlc peek() {
        return current();
    }

    /** A wall clock set before 1970 (or a broken supplier) reads as 1970: stamps cannot be negative. */
    private long physical() {
        return Math.max(0, wallClock.getAsLong());
    }

    /** Moves the last issued stamp up to (wall, counter) if that is later; never back. */
    private void adopt(long wall, int counter) {
        if (wall > lastWall || wall == lastWall && counter > lastCounter) {
            lastWall = wall;
            lastCounter = counter;
        }
    }

    /** Moves to the physical time if it is later, else one step past the last stamp. */
    private void advance(long physical) {
        if (physical > lastWall) {
            lastWall = physical;
            lastCounter = 0;
        } else if (lastCounter < Integer.MAX_VALUE) {
            lastCounter++;
        } else if (lastWall < Long.MAX_VALUE) {
            // two billion events in one millisecond: borrow the next millisecond instead of wrapping
            lastWall++;
            lastCounter = 0;
        }
    }

    private Hlc current() {
        return new Hlc(lastWall, lastCounter, node);
    }
}
