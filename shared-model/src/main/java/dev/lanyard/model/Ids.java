package dev.lanyard.model;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * UUIDv7 ids (RFC 9562): 48 bits of Unix milliseconds, then random bits. They sort roughly by
 * creation time, which keeps B-tree inserts local in H2 and PostgreSQL, and they can be made
 * offline on any device without coordination.
 */
public final class Ids {
    private static final Generator DEFAULT = new Generator(System::currentTimeMillis);

    private Ids() {
    }

    public static UUID newId() {
        return DEFAULT.next();
    }

    /** The creation time encoded in a UUIDv7, in Unix milliseconds. */
    public static long epochMillisOf(UUID v7) {
        if (v7.version() != 7) {
            throw new IllegalArgumentException("not a UUIDv7: " + v7);
        }
        return v7.getMostSignificantBits() >>> 16;
    }

    /** Ids made by one generator increase, even within a millisecond or when the clock steps back. */
    public static final class Generator {
        private static final SecureRandom RANDOM = new SecureRandom();
        private final LongSupplier clock;
        private long lastMillis;
        private long lastSequence;

        public Generator(LongSupplier clock) {
            this.clock = clock;
        }

        public UUID next() {
            long millis;
            long sequence;
            synchronized (this) {
                long now = clock.getAsLong();
                if (now > lastMillis) {
                    lastMillis = now;
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
    }
}
