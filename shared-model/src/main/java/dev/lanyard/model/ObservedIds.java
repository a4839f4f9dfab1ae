package dev.lanyard.model;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * The check-ins an op observed: immutable, in id order (so its JSON is the same everywhere), each id's two halves
 * held in one array of longs. The merge asks every UNDO whether it observed each check-in of its participant-day; a
 * tree set made that four objects to reach and then an id object to compare with (ADR 0010).
 */
final class ObservedIds extends AbstractSet<UUID> {
    static final ObservedIds NONE = new ObservedIds(new long[0]);
    /** Most and least significant halves of each id, ids in {@link UUID#compareTo} order, none twice. */
    private final long[] halves;

    private ObservedIds(long[] halves) {
        this.halves = halves;
    }

    /** The ids given, sorted; a null element is refused as a tree set refused it. */
    static ObservedIds of(Collection<UUID> given) {
        if (given == null || given.isEmpty()) {
            return NONE;
        }
        if (given instanceof ObservedIds already) {
            return already;
        }
        UUID[] sorted = given.toArray(new UUID[0]);
        for (UUID id : sorted) {
            if (id == null) {
                throw new NullPointerException("observed holds a null id");
            }
        }
        Arrays.sort(sorted);
        long[] halves = new long[2 * sorted.length];
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || !sorted[i].equals(sorted[i - 1])) {
                halves[2 * n] = sorted[i].getMostSignificantBits();
                halves[2 * n + 1] = sorted[i].getLeastSignificantBits();
                n++;
            }
        }
        return new ObservedIds(n == sorted.length ? halves : Arrays.copyOf(halves, 2 * n));
    }

    @Override
    public boolean contains(Object o) {
        if (!(o instanceof UUID id)) {
            return false;
        }
        long most = id.getMostSignificantBits();
        long least = id.getLeastSignificantBits();
        int low = 0;
        int high = halves.length / 2 - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int order = Long.compare(halves[2 * mid], most);
            if (order == 0) {
                order = Long.compare(halves[2 * mid + 1], least);
            }
            if (order == 0) {
                return true;
            }
            if (order < 0) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return false;
    }

    @Override
    public Iterator<UUID> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < halves.length;
            }

            @Override
            public UUID next() {
                if (next >= halves.length) {
                    throw new NoSuchElementException();
                }
                UUID id = new UUID(halves[next], halves[next + 1]);
                next += 2;
                return id;
            }
        };
    }

    @Override
    public int size() {
        return halves.length / 2;
    }

    @Override
    public boolean isEmpty() {
        return halves.length == 0;
    }
}
