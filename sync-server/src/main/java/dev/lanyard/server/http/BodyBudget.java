package dev.lanyard.server.http;

import java.util.HashMap;
import java.util.Map;

/**
 * The bytes of request bodies arriving at once, over every client (ADR 0239). Each route bounds its own
 * body; this bounds their sum, which the HTTP threads alone bounded at 200 times 8 MB, more than the heap
 * the server ships with: a rogue door could fill it with pushes that stall before their last bytes. One holder (a
 * device, a user) may hold only its share, so a rogue door leaves the other doors room (ADR 0242).
 */
final class BodyBudget {
    /** The request attribute under which the app's budget is found. */
    static final String ATTRIBUTE = "lanyard.bodyBudget";
    private final long capacity;
    private final long share;
    private final Map<Object, Long> byHolder = new HashMap<>();
    private long held;

    /** A budget with no shares: every holder may take all of it. */
    BodyBudget(long capacity) {
        this(capacity, capacity);
    }

    /** @param share what one holder may hold at once, at most {@code capacity} */
    BodyBudget(long capacity, long share) {
        if (capacity <= 0 || share <= 0) {
            throw new IllegalArgumentException("a body budget and its share must be positive");
        }
        this.capacity = capacity;
        this.share = Math.min(share, capacity);
    }

    /** @return whether {@code bytes} more fit; if so they are held until {@link #give} */
    synchronized boolean tryTake(long bytes) {
        if (held + bytes > capacity) {
            return false;
        }
        held += bytes;
        return true;
    }

    /**
     * As {@link #tryTake(long)}, within what {@code holder} may hold (no share for a null one); given back with
     * {@link #give(Object, long)}.
     */
    synchronized boolean tryTake(Object holder, long bytes) {
        if (holder == null) {
            return tryTake(bytes);
        }
        long holderHeld = byHolder.getOrDefault(holder, 0L);
        if (holderHeld + bytes > share || !tryTake(bytes)) {
            return false;
        }
        byHolder.put(holder, holderHeld + bytes);
        return true;
    }

    synchronized void give(long bytes) {
        held -= bytes;
    }

    synchronized void give(Object holder, long bytes) {
        give(bytes);
        if (holder == null) {
            return;
        }
        long left = byHolder.getOrDefault(holder, 0L) - bytes;
        if (left > 0) {
            byHolder.put(holder, left);
        } else {
            byHolder.remove(holder);
        }
    }

    synchronized long held() {
        return held;
    }
}
