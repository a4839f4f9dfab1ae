package dev.lanyard.server.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The latest snapshot per key, shared by everyone who asks for it while it is recent; whoever asks while one is being
 * made waits for it instead of making another (ADR 0246). A snapshot stays recent for {@code minReuse} from when it
 * was begun, or for {@value #COST_MULTIPLE} times as long as it took to make, whichever is longer: however many ask and
 * however often, making one key's snapshots keeps at most a quarter of one core busy.
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

    RecentSnapshots(Clock clock, Duration minReuse) {
        this.clock = clock;
        this.minReuse = minReuse;
    }

    private static final class Slot<V> {
        V value;
        Instant recentUntil;
    }

    /** The recent snapshot of {@code key}, or a new one from {@code make} (its failure is the caller's alone). */
    V get(K key, Supplier<V> make) {
        Slot<V> slot = slots.computeIfAbsent(key, k -> new Slot<>());
        synchronized (slot) {
            Instant started = clock.instant();
            if (slot.value != null && started.isBefore(slot.recentUntil)) {
                return slot.value;
            }
            V made = make.get();
            Duration took = Duration.between(started, clock.instant());
            Duration reuse = took.multipliedBy(COST_MULTIPLE);
            slot.value = made;
            slot.recentUntil = started.plus(reuse.compareTo(minReuse) > 0 ? reuse : minReuse);
            return made;
        }
    }
}
