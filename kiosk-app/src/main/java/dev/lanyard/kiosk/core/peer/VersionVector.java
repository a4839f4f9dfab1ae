package dev.lanyard.kiosk.core.peer;

import dev.lanyard.model.clock.Hlc;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How far a door holds the peer logs of one event: per origin device, the count of that
 * device's items it holds. A door holds an origin's items 1..count and none beyond (items are
 * only ever accepted in their origin's order, {@link AntiEntropy#receive}), so one number per
 * origin says exactly what it has, and the difference of two vectors exactly what one lacks.
 */
public final class VersionVector {
    public static final VersionVector EMPTY = new VersionVector(new TreeMap<>());
    /**
     * The most origins a peer's vector may name (ADR 0352). Origins are the doors the server lists for the event
     * (and at most {@link PeerReplica#MAX_UNLISTED_ORIGINS} more): a venue has tens, so a vector naming more is not a
     * door's, and taking it would let one door fill this door's memory and peer thread with names.
     */
    public static final int MAX_ORIGINS = 1_024;
    /** An origin is a device id: as long as the model lets a device id be (an HLC's node). */
    public static final int MAX_ORIGIN_LENGTH = Hlc.MAX_NODE_LENGTH;
    private final SortedMap<String, Long> counts;

    private VersionVector(SortedMap<String, Long> counts) {
        this.counts = counts;
    }

    /**
     * A vector a peer sent: at most {@link #MAX_ORIGINS} origins, counted before any is read.
     *
     * @throws IllegalArgumentException for more origins, or what {@link #of} refuses
     */
    public static VersionVector fromPeer(Map<String, Long> counts) {
        if (counts.size() > MAX_ORIGINS) {
            throw new IllegalArgumentException("a vector of " + counts.size() + " origins; a peer's names at most "
                    + MAX_ORIGINS);
        }
        return of(counts);
    }

    /** @throws IllegalArgumentException for a negative count, or an origin blank or longer than a device id */
    public static VersionVector of(Map<String, Long> counts) {
        TreeMap<String, Long> copy = new TreeMap<>();
        counts.forEach((origin, count) -> {
            requireOrigin(origin);
            if (count == null || count < 0) {
                throw new IllegalArgumentException("count of " + origin + " must be 0 or more, not " + count);
            }
            if (count > 0) {
                copy.put(origin, count);
            }
        });
        return new VersionVector(copy);
    }

    private static void requireOrigin(String origin) {
        if (origin == null || origin.isBlank()) {
            throw new IllegalArgumentException("origin must be a device id, not blank");
        }
        if (origin.length() > MAX_ORIGIN_LENGTH) {
            throw new IllegalArgumentException("origin must be a device id, at most " + MAX_ORIGIN_LENGTH
                    + " characters, not " + origin.length());
        }
    }

    public long get(String origin) {
        return counts.getOrDefault(origin, 0L);
    }

    /** This vector with {@code origin} moved forward to {@code count}; never backwards. */
    public VersionVector with(String origin, long count) {
        requireOrigin(origin);
        if (count < get(origin)) {
            throw new IllegalArgumentException("the count of " + origin + " cannot go back from " + get(origin)
                    + " to " + count);
        }
        if (count == get(origin)) {
            return this;
        }
        TreeMap<String, Long> copy = new TreeMap<>(counts);
        copy.put(origin, count);
        return new VersionVector(copy);
    }

    /** Per origin the larger count: what two doors hold together. */
    public VersionVector merge(VersionVector other) {
        TreeMap<String, Long> copy = new TreeMap<>(counts);
        other.counts.forEach((origin, count) -> copy.merge(origin, count, Math::max));
        return new VersionVector(copy);
    }

    /** True when this holds everything {@code other} does. */
    public boolean covers(VersionVector other) {
        return other.counts.entrySet().stream().allMatch(e -> get(e.getKey()) >= e.getValue());
    }

    /**
     * What this holds and {@code theirs} lacks, per origin in origin order: exactly the items a peer at {@code theirs}
     * needs from here.
     */
    public List<Range> ahead(VersionVector theirs) {
        List<Range> out = new ArrayList<>();
        counts.forEach((origin, count) -> {
            long held = theirs.get(origin);
            if (count > held) {
                out.add(new Range(origin, held, count));
            }
        });
        return out;
    }

    public Map<String, Long> asMap() {
        return Collections.unmodifiableSortedMap(counts);
    }

    /** The total number of items held. */
    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionVector v && counts.equals(v.counts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(counts);
    }

    @Override
    public String toString() {
        return counts.toString();
    }

    /** The items of {@code origin} numbered {@code after + 1 .. upTo}. */
    public record Range(String origin, long after, long upTo) {
        public long size() {
            return upTo - after;
        }
    }
}
