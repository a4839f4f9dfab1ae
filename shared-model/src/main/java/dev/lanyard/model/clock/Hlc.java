package dev.lanyard.model.clock;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lanyard.model.Require;
import java.time.Instant;

/**
 * A hybrid logical clock timestamp: wall-clock milliseconds, a counter for events within the
 * same millisecond, and the id of the node (device or server) that issued it. The order
 * (wall, counter, node) is total, so every replica picks the same last writer.
 */
public record Hlc(long wall, int counter, String node) implements Comparable<Hlc> {
    public static final int MAX_NODE_LENGTH = 64;
    /** Sorts below every timestamp a clock can issue: the stamp of a field nobody wrote yet. */
    public static final Hlc ZERO = new Hlc(0, 0, "");

    public Hlc {
        Require.nonNegative(wall, "wall");
        Require.nonNegative(counter, "counter");
        Require.present(node, "node");
        Require.optionalText(node, "node", MAX_NODE_LENGTH);
    }

    @JsonCreator
    static Hlc fromJson(@JsonProperty("wall") Long wall, @JsonProperty("counter") Integer counter,
                        @JsonProperty("node") String node) {
        Require.present(wall, "wall");
        Require.present(counter, "counter");
        Require.text(node, "node", MAX_NODE_LENGTH);
        return new Hlc(wall, counter, node);
    }

    public Instant instant() {
        return Instant.ofEpochMilli(wall);
    }

    public boolean isAfter(Hlc other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Hlc other) {
        // written out rather than composed from Comparator lambdas: this runs once per op merged
        int byWall = Long.compare(wall, other.wall);
        if (byWall != 0) {
            return byWall;
        }
        int byCounter = Integer.compare(counter, other.counter);
        return byCounter != 0 ? byCounter : node.compareTo(other.node);
    }

    public static Hlc max(Hlc a, Hlc b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public String toString() {
        return wall + "." + counter + "@" + node;
    }
}
