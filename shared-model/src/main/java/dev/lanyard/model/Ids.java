package dev.lanyard.model;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * UUIDv7 ids (RFC 9562): 48 bits of Unix milliseconds, then random bits. They sort roughly by
 * creation time, which keeps B-tree inserts local in H2 and PostgreSQL, and they can be made
 * offline on any device without coordination.
 */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Object LOCK = new Object();
    private static long lastMillis;
    private static long lastSequence;

    private Ids() {
    }

    public static UUID newId() {
        return newId(System.currentTimeMillis());
    }

    /** An id for the given creation time; ids made in the same millisecond still increase. */
    public static UUID newId(long epochMillis) {
        long sequence;
        long millis;
        synchronized (LOCK) {
            if (epochMillis > lastMillis) {
                lastMillis = epochMillis;
                lastSequence = RANDOM.nextInt(1 << 11); // leave room to count up within the millisecond
            } else if (++lastSequence > 0xFFF) {
                lastMillis++;
                lastSequence = 0;
            }
            millis = lastMillis;
            sequence = lastSequence;
        }
        long msb = (millis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | sequence;
        long lsb = RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /** The creation time encoded in a UUIDv7, in Unix milliseconds. */
    public static long epochMillisOf(UUID v7) {
        if (v7.version() != 7) {
            throw new IllegalArgumentException("not a UUIDv7: " + v7);
        }
        return v7.getMostSignificantBits() >>> 16;
    }
}
