package dev.lanyard.server.sync;

import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.clock.HybridLogicalClock;

/**
 * The stamp of an organizer's or the server's own write to a participant: after every stamp the
 * participant holds (ADR 0007). The server's clock starts afresh on each start and a door's may
 * run ahead, so a stamp from the clock alone could sort before a patch received earlier, and the
 * organizer's edit would be answered 200 yet change nothing.
 */
public final class OrganizerStamp {
    private OrganizerStamp() {
    }

    /** @param latest the newest stamp the participant holds ({@link Hlc#ZERO} for a new one) */
    public static Hlc after(HybridLogicalClock clock, Hlc latest) {
        Hlc stamp = clock.now();
        if (stamp.isAfter(latest)) {
            return stamp;
        }
        // the clock follows a stamp only up to its forward bound; one further ahead (written before
        // ingest bounded drift) is stepped past without moving the server's clock there
        stamp = clock.receive(latest);
        return stamp.isAfter(latest) ? stamp : justAfter(latest, clock.node());
    }

    private static Hlc justAfter(Hlc latest, String node) {
        if (latest.counter() < Integer.MAX_VALUE) {
            return new Hlc(latest.wall(), latest.counter() + 1, node);
        }
        return latest.wall() < Long.MAX_VALUE ? new Hlc(latest.wall() + 1, 0, node)
                : new Hlc(latest.wall(), latest.counter(), node);
    }
}
