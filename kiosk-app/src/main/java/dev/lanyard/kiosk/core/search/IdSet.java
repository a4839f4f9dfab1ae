package dev.lanyard.kiosk.core.search;

import java.util.Collection;
import java.util.UUID;

/**
 * A fixed set of ids asked about by their two halves. Folding a feed page into the index asks, for every entry
 * already there, whether the page replaces it: a million questions per page, which should not make a million UUIDs.
 */
final class IdSet {
    private final long[] slots;
    private final boolean[] used;
    private final int mask;

    IdSet(Collection<UUID> ids) {
        int capacity = Integer.highestOneBit(Math.max(4, ids.size() * 2 - 1)) << 1;
        slots = new long[capacity * 2];
        used = new boolean[capacity];
        mask = capacity - 1;
        for (UUID id : ids) {
            add(id.getMostSignificantBits(), id.getLeastSignificantBits());
        }
    }

    boolean contains(long high, long low) {
        for (int i = slotOf(high, low); used[i]; i = (i + 1) & mask) {
            if (slots[2 * i] == high && slots[2 * i + 1] == low) {
                return true;
            }
        }
        return false;
    }

    private void add(long high, long low) {
        int i = slotOf(high, low);
        while (used[i]) {
            if (slots[2 * i] == high && slots[2 * i + 1] == low) {
                return;
            }
            i = (i + 1) & mask;
        }
        used[i] = true;
        slots[2 * i] = high;
        slots[2 * i + 1] = low;
    }

    private int slotOf(long high, long low) {
        // ids may come from any peer, random or not: mix every bit in before taking the low ones
        long h = (high ^ Long.rotateLeft(low, 32)) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
