package dev.lanyard.kiosk.core.reads;

import dev.lanyard.kiosk.core.store.CheckInLog;
import dev.lanyard.kiosk.core.store.EventStore;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.Replica;
import java.util.UUID;

/** How much the replica holds and still has to send, for harnesses that watch doors (the rehearsal). */
public final class ReplicaCounts {
    private final Replica replica;

    public ReplicaCounts(Replica replica) {
        this.replica = replica;
    }

    /** The last feed position applied for {@code event}. */
    public long lastSeq(UUID event) {
        return replica.write(tx -> EventStore.lastSeq(tx, event));
    }

    /** Check-in ops held, of every event. */
    public int opsHeld() {
        return replica.write(CheckInLog::count);
    }

    /** Whether the check-in op {@code opId} is held, from this door or learned from others. */
    public boolean holdsOp(UUID opId) {
        return replica.write(tx -> CheckInLog.exists(tx, opId));
    }

    /** Items in the outbox, sent or not. */
    public int pending() {
        return replica.write(OutboxStore::count);
    }

    /** Outbox items the server has not acknowledged yet. */
    public int unsent() {
        return replica.write(OutboxStore::unsent);
    }
}
