package dev.lanyard.kiosk.core.events;

import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.merge.ParticipantDay;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * What changed in the replica, told after the change committed, on the thread that committed
 * it (a UI marshals to its own thread). Default methods so a listener picks what it needs.
 */
public interface ReplicaListener {
    /** Participants were created or changed (by this door or by a pulled change). */
    default void participantsChanged(UUID eventId, Collection<Participant> participants) {
    }

    /** The check-in state of these canonical participant-days may have changed. */
    default void checkInsChanged(UUID eventId, Collection<ParticipantDay> keys) {
    }

    /** The same change as {@link #checkInsChanged}, with whether each participant-day is now checked in. */
    default void checkInStatesChanged(UUID eventId, Map<ParticipantDay, Boolean> checkedIn) {
    }

    default void eventChanged(Event event) {
    }
}
