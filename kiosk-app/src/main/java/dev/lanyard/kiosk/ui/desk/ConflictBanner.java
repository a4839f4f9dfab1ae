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
    private final ConflictListener listener = notice -> loadOnUi();
    private volatile Long shown;

    ConflictBanner(Kiosk kiosk, Supplier<UUID> eventId, Texts texts, UiExecutors executors) {
        this.kiosk = kiosk;
        this.eventId = eventId;
        this.texts = texts;
        this.executors = executors;
    }

    void start() {
        kiosk.notices().addListener(listener);
        executors.background().execute(() -> executors.ui().execute(this::load));
    }

    void stop() {
        kiosk.notices().removeListener(listener);
    }

    private void loadOnUi() {
        executors.ui().execute(this::load);
    }

    private void load() {
        List<ConflictNotice> open = kiosk.notices().open().stream().filter(n -> n.eventId().equals(eventId.get()))
                .toList();
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
        return CompletableFuture.runAsync(() -> kiosk.notices().acknowledge(id), executors.background())
                .thenRunAsync(this::load, executors.ui());
    }

    ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty visibleProperty() {
        return visible.getReadOnlyProperty();
    }
}
