package dev.lanyard.kiosk.ui.desk;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.notices.ConflictListener;
import dev.lanyard.kiosk.core.notices.ConflictNotice;
import dev.lanyard.kiosk.ui.ConflictWording;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The desk's conflict banner: the newest open notice of the door's event (and how many more),
 * until staff acknowledge it.
 */
final class ConflictBanner {
    private final Kiosk kiosk;
    private final Supplier<UUID> eventId;
    private final Texts texts;
    private final UiExecutors executors;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "conflictText", "");
    private final ReadOnlyBooleanWrapper visible = new ReadOnlyBooleanWrapper(this, "conflictVisible");
    private final ConflictListener listener = notice -> refresh();
    private volatile Long shown;
    /** Reads finish in any order: only one newer than the one shown is shown. */
    private final AtomicLong reads = new AtomicLong();
    private long showing;

    ConflictBanner(Kiosk kiosk, Supplier<UUID> eventId, Texts texts, UiExecutors executors) {
        this.kiosk = kiosk;
        this.eventId = eventId;
        this.texts = texts;
        this.executors = executors;
    }

    void start() {
        kiosk.notices().addListener(listener);
        refresh();
    }

    void stop() {
        kiosk.notices().removeListener(listener);
    }

    /** Reads the open notices off the UI thread (the replica may be busy with the sync), then shows them. */
    private void refresh() {
        executors.background().execute(this::read);
    }

    private void read() {
        long read = reads.incrementAndGet();
        UUID event = eventId.get();
        List<ConflictNotice> open = kiosk.notices().open().stream().filter(n -> n.eventId().equals(event)).toList();
        executors.ui().execute(() -> {
            if (read > showing) {
                showing = read;
                show(open);
            }
        });
    }

    private void show(List<ConflictNotice> open) {
        if (open.isEmpty()) {
            shown = null;
            visible.set(false);
            text.set("");
        } else {
            ConflictNotice newest = open.get(open.size() - 1);
            shown = newest.id();
            visible.set(true);
            String worded = ConflictWording.of(newest, texts);
            text.set(open.size() == 1 ? worded : texts.get("desk.conflict.more", worded, open.size() - 1));
        }
    }

    /** Staff saw the banner: acknowledge the notice shown (the next one, if any, appears). */
    CompletableFuture<Void> acknowledge() {
        Long id = shown;
        if (id == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> {
            kiosk.notices().acknowledge(id);
            read();
        }, executors.background());
    }

    ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty visibleProperty() {
        return visible.getReadOnlyProperty();
    }
}
