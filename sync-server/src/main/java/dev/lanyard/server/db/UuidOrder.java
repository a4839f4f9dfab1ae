package dev.lanyard.server.db;

import java.util.Comparator;
import java.util.UUID;

/** UUIDs as H2 and PostgreSQL order them: unsigned. {@link UUID#compareTo} compares signed longs. */
public final class UuidOrder {
    public static final Comparator<UUID> DATABASE = UuidOrder::compare;

    private UuidOrder() {
    }

    public static int compare(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
