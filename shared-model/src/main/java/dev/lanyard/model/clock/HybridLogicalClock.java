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
 * {@code maxForwardDrift} ahead of our own wall clock is never adopted: with
 * {@link SkewPolicy#REJECT} the call fails, with {@link SkewPolicy#CLAMP} the clock advances
 * only to the limit. Without that bound one device with a clock set to next year would drag
 * every replica's timestamps there for good.
 */
public final class HybridLogicalClock {
    public static final Duration DEFAULT_MAX_FORWARD_DRIFT = Duration.ofHours(1);

    public enum SkewPolicy { REJECT, CLAMP }

    private final String node;
    private final LongSupplier wallClock;
    private final long maxForwardDriftMillis;
    private final SkewPolicy skewPolicy;
    private long lastWall;
    private int lastCounter;

    public HybridLogicalClock(String node) {
        this(node, System::currentTimeMillis, DEFAULT_MAX_FORWARD_DRIFT, SkewPolicy.CLAMP);
    }

    public HybridLogicalClock(String node, LongSupplier wallClock, Duration maxForwardDrift, SkewPolicy skewPolicy) {
        if (node == null || node.isBlank() || node.length() > Hlc.MAX_NODE_LENGTH) {
            throw new IllegalArgumentException("node must be 1.." + Hlc.MAX_NODE_LENGTH + " characters");
        }
        if (maxForwardDrift.isNegative()) {
            throw new IllegalArgumentException("maxForwardDrift must not be negative");
        }
        this.node = node;
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.maxForwardDriftMillis = maxForwardDrift.toMillis();
        this.skewPolicy = Objects.requireNonNull(skewPolicy, "skewPolicy");
    }

    /** Resumes from a timestamp persisted before a restart, so a restart cannot go backwards. */
    public synchronized void restore(Hlc persisted) {
        if (persisted != null && (persisted.wall() > lastWall || persisted.wall() == lastWall && persisted.counter() > lastCounter)) {
            lastWall = persisted.wall();
            lastCounter = persisted.counter();
        }
    }

    public String node() {
        return node;
    }

    /** A timestamp for a local event (a write, or a message about to be sent). */
    public synchronized Hlc now() {
        long physical = wallClock.getAsLong();
        if (physical > lastWall) {
            lastWall = physical;
            lastCounter = 0;
        } else {
            tick();
        }
        return current();
    }

    /**
     * Merges a timestamp received from another node and returns a fresh local timestamp
     * ordered after both it and everything this clock issued before.
     */
    public synchronized Hlc receive(Hlc remote) {
        long physical = wallClock.getAsLong();
        long remoteWall = remote.wall();
        int remoteCounter = remote.counter();
        long limit = physical + maxForwardDriftMillis;
        if (remoteWall > limit) {
            if (skewPolicy == SkewPolicy.REJECT) {
                throw new ClockSkewException(remote, remoteWall - physical, maxForwardDriftMillis);
            }
            remoteWall = limit;
            remoteCounter = 0;
        }
        long wall = Math.max(Math.max(lastWall, remoteWall), physical);
        int counter;
        if (wall == lastWall && wall == remoteWall) {
            counter = Math.max(lastCounter, remoteCounter) + 1;
        } else if (wall == lastWall) {
            counter = lastCounter + 1;
        } else if (wall == remoteWall) {
            counter = remoteCounter + 1;
        } else {
            counter = 0;
        }
        lastWall = wall;
        lastCounter = counter;
        if (counter == Integer.MAX_VALUE) {
            tick();
        }
        return current();
    }

    /** Observes a remote timestamp without issuing one (e.g. on a pulled change). */
    public void observe(Hlc remote) {
        receive(remote);
    }

    public synchronized Hlc peek() {
        return current();
    }

    private void tick() {
        if (lastCounter == Integer.MAX_VALUE - 1) {
            // two billion events in one millisecond: borrow the next millisecond instead of wrapping
            lastWall++;
            lastCounter = 0;
        } else {
            lastCounter++;
        }
    }

    private Hlc current() {
        return new Hlc(lastWall, lastCounter, node);
    }
}
