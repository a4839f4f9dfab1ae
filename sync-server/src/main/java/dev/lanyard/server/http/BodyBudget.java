package dev.lanyard.server.http;

/**
 * The bytes of request bodies arriving at once, over every client (ADR 0239). Each route bounds its own
 * body; this bounds their sum, which the HTTP threads alone bounded at 200 times 8 MB, more than the heap
 * the server ships with: a rogue door could fill it with pushes that stall before their last bytes.
 */
final class BodyBudget {
    /** The request attribute under which the app's budget is found. */
    static final String ATTRIBUTE = "lanyard.bodyBudget";
    private final long capacity;
    private long held;

    BodyBudget(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("a body budget must be positive");
        }
        this.capacity = capacity;
    }

    /** @return whether {@code bytes} more fit; if so they are held until {@link #give} */
    synchronized boolean tryTake(long bytes) {
        if (held + bytes > capacity) {
            return false;
        }
        held += bytes;
        return true;
    }

    synchronized void give(long bytes) {
        held -= bytes;
    }

    synchronized long held() {
        return held;
    }
}
