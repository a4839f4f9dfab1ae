package dev.lanyard.kiosk.ui.desk;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.events.ReplicaListener;
import dev.lanyard.kiosk.ui.KioskSession;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.model.Participant;
import dev.lanyard.model.merge.ParticipantDay;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * The desk's counters (registered, checked in today), re-read after every commit that touches
 * the door's event; a burst of commits queues one re-read.
 */
final class DeskCounters {
    private final KioskSession session;
    private final Kiosk kiosk;
    private final UiExecutors executors;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ReadOnlyIntegerWrapper registered = new ReadOnlyIntegerWrapper(this, "registered");
    private final ReadOnlyIntegerWrapper checkedInToday = new ReadOnlyIntegerWrapper(this, "checkedInToday");
    private final ReplicaListener listener = new ReplicaListener() {
        @Override
        public void participantsChanged(UUID eventId, Collection<Participant> participants) {
            changed(eventId);
        }

        @Override
        public void checkInsChanged(UUID eventId, Collection<ParticipantDay> keys) {
            changed(eventId);
        }
    };

    DeskCounters(KioskSession session, UiExecutors executors) {
        this.session = session;
        this.kiosk = session.kiosk();
        this.executors = executors;
    }

    void start() {
        kiosk.replicaEvents().add(listener);
    }

    void stop() {
        kiosk.replicaEvents().remove(listener);
    }

    private void changed(UUID event) {
        if (session.chosen() && event.equals(session.eventId()) && queued.compareAndSet(false, true)) {
            executors.background().execute(() -> {
                queued.set(false);
                load();
            });
        }
    }

    CompletableFuture<Void> refresh() {
        return CompletableFuture.runAsync(this::load, executors.background());
    }

    private void load() {
        UUID event = session.eventId();
        int total = kiosk.reads().count(event);
        int in = kiosk.checkedInCount(event, session.day());
        executors.ui().execute(() -> {
            registered.set(total);
            checkedInToday.set(in);
        });
    }

    ReadOnlyIntegerProperty registeredProperty() {
        return registered.getReadOnlyProperty();
    }

    ReadOnlyIntegerProperty checkedInTodayProperty() {
        return checkedInToday.getReadOnlyProperty();
    }
}
