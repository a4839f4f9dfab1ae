package dev.lanyard.kiosk.core.sync;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** A realtime handler for tests: each callback does what the test set, and nothing otherwise. */
final class ScriptedHandler implements RealtimeClient.Handler {
    /** What a test does with a frame of changes. */
    interface OnChanges {
        void changes(UUID eventId, List<FeedEntry> changes, long lastSeq);
    }

    private final CompletionStage<?> ready;
    private OnChanges onChanges = (eventId, changes, lastSeq) -> { };
    private Consumer<UUID> onUnreadable = eventId -> { };

    /** Subscribes at once. */
    ScriptedHandler() {
        this(CompletableFuture.completedFuture(null));
    }

    /** Subscribes once {@code ready} ends (a door's pushes done). */
    ScriptedHandler(CompletionStage<?> ready) {
        this.ready = ready;
    }

    ScriptedHandler onChanges(OnChanges what) {
        this.onChanges = what;
        return this;
    }

    ScriptedHandler onUnreadableChanges(Consumer<UUID> what) {
        this.onUnreadable = what;
        return this;
    }

    @Override
    public CompletionStage<?> connected() {
        return ready;
    }

    @Override
    public void changes(UUID eventId, List<FeedEntry> changes, long lastSeq) {
        onChanges.changes(eventId, changes, lastSeq);
    }

    @Override
    public void unreadableChanges(UUID eventId) {
        onUnreadable.accept(eventId);
    }

    @Override
    public void disconnected(String reason) {
    }
}
