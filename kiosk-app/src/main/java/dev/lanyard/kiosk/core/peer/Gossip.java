package dev.lanyard.kiosk.core.peer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Who hears of a new item at once. A door pushes each item it makes or newly learns to at most
 * {@code fanOut} of its connected peers, chosen at random per item, not to all: in a hall of many
 * doors the work per item stays bounded while the item still reaches every door in about
 * log(doors) hops; the periodic anti-entropy exchange catches whatever a push missed (ADR 0316).
 */
public final class Gossip {
    /** Enough that ten doors hear of an item within two or three hops. */
    public static final int DEFAULT_FAN_OUT = 3;

    private Gossip() {
    }

    public static <T> List<T> targets(List<T> connected, int fanOut, RandomGenerator random) {
        if (fanOut < 0) {
            throw new IllegalArgumentException("fanOut must be 0 or more, not " + fanOut);
        }
        if (connected.size() <= fanOut) {
            return List.copyOf(connected);
        }
        List<T> shuffled = new ArrayList<>(connected);
        Collections.shuffle(shuffled, new java.util.Random(random.nextLong()));
        return List.copyOf(shuffled.subList(0, fanOut));
    }
}
