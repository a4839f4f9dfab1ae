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
 * the door's event; a burst of commits queues one re-read. They come from the search service's memory, which
 * every commit keeps current, so the desk never waits for the replica to count.
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

    /**
     * From the search service's memory, not the replica: counting 100,000 rows there took the replica lock for
     * 0.2-0.4 s after every commit, and the next scan waited for it.
     */
    private void load() {
        UUID event = session.eventId();
        kiosk.search().awaitIndexed(); // a feed page's participants are indexed on a thread of their own
        int total = kiosk.search().indexedCount(event);
        int in = kiosk.search().checkedInCount(event, session.day());
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
