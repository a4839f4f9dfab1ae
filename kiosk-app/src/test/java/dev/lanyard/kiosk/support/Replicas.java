package dev.lanyard.kiosk.support;

import static dev.lanyard.kiosk.core.store.jooq.Tables.CHECKIN_STATE;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.store.EventStore;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.model.Participant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Reads a kiosk's replica in the same shapes {@link LiveServer} reads the server's, so states can be compared whole.
 */
public final class Replicas {
    private Replicas() {
    }

    public static Map<UUID, Participant> participants(Kiosk kiosk, UUID eventId) {
        return KioskReplica.of(kiosk).write(tx -> {
            Map<UUID, Participant> out = new TreeMap<>();
            ParticipantStore.forEach(tx, eventId, p -> out.put(p.id(), p));
            return out;
        });
    }

    public static Map<String, String> checkInStates(Kiosk kiosk, UUID eventId) {
        return KioskReplica.of(kiosk).read(dsl -> {
            Map<String, String> out = new TreeMap<>();
            dsl.selectFrom(CHECKIN_STATE).where(CHECKIN_STATE.EVENT_ID.eq(eventId))
                    .forEach(r -> out.put(r.getParticipantId() + "/" + r.getCheckinDay(),
                            r.getCheckedIn() + " " + r.getDuplicateAdmission() + " " + r.getReentries()));
            return out;
        });
    }

    public static long lastSeq(Kiosk kiosk, UUID eventId) {
        return KioskReplica.of(kiosk).write(tx -> EventStore.lastSeq(tx, eventId));
    }

    public static int pending(Kiosk kiosk) {
        return KioskReplica.of(kiosk).write(tx -> OutboxStore.count(tx));
    }

    /** Items the server has not acknowledged yet. */
    public static int unsent(Kiosk kiosk) {
        return KioskReplica.of(kiosk).write(tx -> OutboxStore.unsent(tx));
    }

    /** Caught up: nothing left to send, and every change the server has was applied. */
    public static boolean caughtUp(Kiosk kiosk, LiveServer server) {
        return pending(kiosk) == 0 && lastSeq(kiosk, server.event.id()) == server.lastSeq();
    }
}
