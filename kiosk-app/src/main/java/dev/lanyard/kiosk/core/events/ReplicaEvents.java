package dev.lanyard.kiosk.core.events;

import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.merge.ParticipantDay;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans replica changes out to listeners; a failing listener is logged and does not stop the others. */
public final class ReplicaEvents implements ReplicaListener {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaEvents.class);
    private final List<ReplicaListener> listeners = new CopyOnWriteArrayList<>();

    public void add(ReplicaListener listener) {
        listeners.add(listener);
    }

    public void remove(ReplicaListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void participantsChanged(UUID eventId, Collection<Participant> participants) {
        if (!participants.isEmpty()) {
            each(l -> l.participantsChanged(eventId, participants));
        }
    }

    @Override
    public void checkInsChanged(UUID eventId, Collection<ParticipantDay> keys) {
        if (!keys.isEmpty()) {
            each(l -> l.checkInsChanged(eventId, keys));
        }
    }

    /** Tells both {@link #checkInsChanged} and {@link #checkInStatesChanged}. */
    public void checkInsChanged(UUID eventId, Map<ParticipantDay, Boolean> checkedIn) {
        if (!checkedIn.isEmpty()) {
            Collection<ParticipantDay> keys = List.copyOf(checkedIn.keySet());
            each(l -> {
                l.checkInsChanged(eventId, keys);
                l.checkInStatesChanged(eventId, checkedIn);
            });
        }
    }

    @Override
    public void checkInStatesChanged(UUID eventId, Map<ParticipantDay, Boolean> checkedIn) {
        if (!checkedIn.isEmpty()) {
            each(l -> l.checkInStatesChanged(eventId, checkedIn));
        }
    }

    @Override
    public void eventChanged(Event event) {
        each(l -> l.eventChanged(event));
    }

    private void each(java.util.function.Consumer<ReplicaListener> call) {
        for (ReplicaListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("replica listener {} failed", listener, e);
            }
        }
    }
}
