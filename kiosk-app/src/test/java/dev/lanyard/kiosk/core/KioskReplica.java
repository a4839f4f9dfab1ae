package dev.lanyard.kiosk.core;

import dev.lanyard.kiosk.core.store.Replica;

/** Tests reach a kiosk's replica here to seed and inspect it; front ends have no such door (ADR 0320). */
public final class KioskReplica {
    private KioskReplica() {
    }

    public static Replica of(Kiosk kiosk) {
        return kiosk.replica();
    }
}
