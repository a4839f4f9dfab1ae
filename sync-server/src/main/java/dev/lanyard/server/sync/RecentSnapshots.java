package dev.lanyard.server.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The latest snapshot per key, shared by everyone who asks for it while it is recent; whoever asks while one is being
 * made waits for it instead of making another (ADR 0246). A snapshot stays recent for {@code minReuse} from when it
 * was begun, or for {@value #COST_MULTIPLE} times as long as it took to make, whichever is longer: however many ask and
 * however often, making one key's snapshots keeps at most a quarter of one core busy (showing them is the asker's).
 *
 * <p>Holds one snapshot per key ever asked for (an event's dashboard: bounded by the events there are).
 *
 * @param <K> what a snapshot is of
 * @param <V> the snapshot
 */
final class RecentSnapshots<K, V> {
    static final int COST_MULTIPLE = 4;

    private final Clock clock;
    private final Duration minReuse;
    private final Map<K, Slot<V>> slots = new ConcurrentHashMap<>();
    /** Moved by {@link #forgetAll}: a snapshot begun under an older generation is not shown to anyone asking after. */
    private final AtomicLong generation = new AtomicLong();

    RecentSnapshots(Clock clock, Duration minReuse) {
        this.clock = clock;
        this.minReuse = minReuse;
    }

    private static final class Slot<V> {
        V value;
        long generation;
        Instant begun;
        Instant recentUntil;
    }

    /** The recent snapshot of {@code key}, or a new one from {@code make} (its failure is the caller's alone). */
    V get(K key, Supplier<V> make) {
        Slot<V> slot = slots.computeIfAbsent(key, k -> new Slot<>());
        synchronized (slot) {
            long current = generation.get();
            Instant now = clock.instant();
            // a clock set back (the time service stepping it) would keep a snapshot recent for as long as it moved
            if (slot.value != null && slot.generation == current && !now.isBefore(slot.begun)
                    && now.isBefore(slot.recentUntil)) {
                return slot.value;
            }
            V made = make.get();
            Duration took = Duration.between(now, clock.instant());
            Duration reuse = took.multipliedBy(COST_MULTIPLE);
            slot.value = made;
            slot.generation = current;
            slot.begun = now;
            slot.recentUntil = now.plus(reuse.compareTo(minReuse) > 0 ? reuse : minReuse);
            return made;
        }
    }

    /** Something every snapshot shows changed outside what they track (a door revoked): each is made again. */
    void forgetAll() {
        generation.incrementAndGet();
    }
}
