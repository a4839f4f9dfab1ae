package dev.lanyard.server.sync;

import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.OpResult;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * How far ahead of the server's own wall clock a pushed stamp may be (ADR 0006). A stamp
 * further ahead would win every last-writer-wins register it touches until real time caught up
 * with it, and would drag the server's clock along; such an item is refused with the server's
 * time, so its device can correct its clock and stamp it again.
 */
public final class StampBound {
    private final Clock clock;
    private final long maxDriftMillis;

    public StampBound(Clock clock, Duration maxDrift) {
        this.clock = clock;
        this.maxDriftMillis = maxDrift.toMillis();
    }

    /** The refusal for the item {@code id} stamped {@code hlc}, or null when the stamp is acceptable. */
    public OpResult refusal(UUID id, Hlc hlc) {
        long serverWall = clock.millis();
        return hlc.wall() > limit(serverWall) ? OpResult.clockAhead(id, serverWall) : null;
    }

    private long limit(long serverWall) {
        try {
            return Math.addExact(serverWall, maxDriftMillis);
        } catch (ArithmeticException beyondTheLargestStamp) {
            return Long.MAX_VALUE;
        }
    }
}
