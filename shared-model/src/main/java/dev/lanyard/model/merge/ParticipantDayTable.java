package dev.lanyard.model.merge;

import java.time.LocalDate;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * An open-addressing hash table keyed by (participant id, day), for the ledger's hot path.
 * Keys live inline in one {@code long[]} (three longs a slot) so a lookup touches one cache
 * line for the key instead of chasing a node, a key record, a UUID and a LocalDate; at a
 * million ops that is the difference between meeting the merge throughput target and not.
 */
final class ParticipantDayTable<V> {
    private static final int STRIDE = 3;
    private long[] keys;
    private Object[] values;
    private int mask;
    private int size;

    ParticipantDayTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, (int) (expected / 0.6f)) - 1) << 1;
        allocate(capacity);
    }

    @SuppressWarnings("unchecked")
    V get(UUID participant, LocalDate day) {
        long msb = participant.getMostSignificantBits();
        long lsb = participant.getLeastSignificantBits();
        long dayKey = day.toEpochDay() + 1; // 0 marks an empty slot
        for (int slot = slotOf(msb, lsb, dayKey); ; slot = (slot + 1) & mask) {
            int base = slot * STRIDE;
            long stored = keys[base + 2];
            if (stored == 0) {
                return null;
            }
            if (stored == dayKey && keys[base] == msb && keys[base + 1] == lsb) {
                return (V) values[slot];
            }
        }
    }

    @SuppressWarnings("unchecked")
    V computeIfAbsent(UUID participant, LocalDate day, Supplier<V> create) {
        long msb = participant.getMostSignificantBits();
        long lsb = participant.getLeastSignificantBits();
        long dayKey = day.toEpochDay() + 1;
        for (int slot = slotOf(msb, lsb, dayKey); ; slot = (slot + 1) & mask) {
            int base = slot * STRIDE;
            long stored = keys[base + 2];
            if (stored == 0) {
                V value = create.get();
                keys[base] = msb;
                keys[base + 1] = lsb;
                keys[base + 2] = dayKey;
                values[slot] = value;
                if (++size > (mask + 1) * 0.6) {
                    grow();
                }
                return value;
            }
            if (stored == dayKey && keys[base] == msb && keys[base + 1] == lsb) {
                return (V) values[slot];
            }
        }
    }

    @SuppressWarnings("unchecked")
    void forEach(BiConsumer<ParticipantDay, V> action) {
        for (int slot = 0; slot <= mask; slot++) {
            int base = slot * STRIDE;
            if (keys[base + 2] != 0) {
                action.accept(new ParticipantDay(new UUID(keys[base], keys[base + 1]), LocalDate.ofEpochDay(keys[base + 2] - 1)),
                        (V) values[slot]);
            }
        }
    }

    int size() {
        return size;
    }

    private int slotOf(long msb, long lsb, long dayKey) {
        long h = msb * 0x9E3779B97F4A7C15L ^ lsb ^ dayKey * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (int) h & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        allocate((mask + 1) * 2);
        for (int slot = 0; slot < oldValues.length; slot++) {
            int base = slot * STRIDE;
            if (oldKeys[base + 2] != 0) {
                int target = slotOf(oldKeys[base], oldKeys[base + 1], oldKeys[base + 2]);
                while (keys[target * STRIDE + 2] != 0) {
                    target = (target + 1) & mask;
                }
                System.arraycopy(oldKeys, base, keys, target * STRIDE, STRIDE);
                values[target] = oldValues[slot];
            }
        }
    }

    private void allocate(int capacity) {
        keys = new long[capacity * STRIDE];
        values = new Object[capacity];
        mask = capacity - 1;
    }
}
