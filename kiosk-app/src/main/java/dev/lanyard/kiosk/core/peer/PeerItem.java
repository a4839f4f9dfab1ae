package dev.lanyard.kiosk.core.peer;

import java.util.Objects;
import java.util.UUID;

/**
 * One entry of a door's peer log: an item a door made (a check-in op, a participant patch such
 * as a walk-in or an edit, a drawing), numbered by its origin device in the order it made them.
 * The body is the item's JSON as the server would be sent it; the peer layer never reads it.
 *
 * @param origin  the device that made the item
 * @param counter its place among that device's items of the event, from 1 without gaps
 */
public record PeerItem(String origin, long counter, Kind kind, UUID itemId, String body) {
    /**
     * The longest body a peer's item may have: the longest record the server stores (a drawing's, 400,000
     * characters); a longer one no server takes, and every door would keep and pass it on.
     */
    public static final int MAX_BODY_CHARS = 400_000;
    /** What an item weighs besides its body's characters. */
    private static final long FRAMING = 128;
    /** The most an item a door holds can weigh: what a page's reads must assume of an item not read yet. */
    public static final long MAX_WEIGHT = MAX_BODY_CHARS + FRAMING;

    /** What travels between doors; scan attempts are a door's own log and go to the server only. */
    public enum Kind { OP, PATCH, DRAWING }

    public PeerItem {
        if (origin == null || origin.isBlank()) {
            throw new IllegalArgumentException("origin must be a device id, not blank");
        }
        if (counter < 1) {
            throw new IllegalArgumentException("counter must be 1 or more, not " + counter);
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(body, "body");
    }

    /** What the item weighs on the wire, for page bounds: its body's characters and a little framing. */
    public long weight() {
        return body.length() + FRAMING;
    }
}
