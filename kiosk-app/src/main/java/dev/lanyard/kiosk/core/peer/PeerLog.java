package dev.lanyard.kiosk.core.peer;

import java.util.List;

/** A door's peer log of one event, as far as the anti-entropy needs to read it. */
public interface PeerLog {
    /** How far this door holds each origin's items. */
    VersionVector vector();

    /** Up to {@code limit} items of {@code origin} numbered after {@code after}, in order. */
    List<PeerItem> read(String origin, long after, int limit);
}
