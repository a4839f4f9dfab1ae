package dev.lanyard.server.http.console;

import dev.lanyard.server.feed.ChangeHub;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;

/**
 * Tells open dashboards that their event changed, over server-sent events. It listens to the same
 * change hub as the kiosks' WebSocket (so a push on another server reaches it through PostgreSQL)
 * and sends only "look again": the page then fetches its panel, with the viewer's own rights.
 * Sending happens on its own thread, never on the thread that committed the push (ADR 0218), and that thread never
 * waits for a viewer: each stream writes without blocking and keeps only the latest position for a viewer that is
 * behind (ADR 0256).
 */
public final class DashboardChannel implements ChangeHub.Listener, AutoCloseable {
    private final Map<UUID, Set<DashboardStream>> byEvent = new ConcurrentHashMap<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lanyard-console-sse");
        t.setDaemon(true);
        return t;
    });

    private final Runnable onRevocation;
    private final LatestPerKey<UUID> signals = new LatestPerKey<>(sender, this::signal);

    /** @param onRevocation told before the dashboards, so the panels they then ask for show the door revoked */
    public DashboardChannel(Runnable onRevocation) {
        this.onRevocation = onRevocation;
    }

    /**
     * @param feedHead the event's feed position, read once the client is registered (a change committed before that
     *                 is at or below it; one after is announced to the client): the page asks for its panel until it
     *                 shows at least that
     */
    CompletableFuture<Void> add(UUID eventId, DashboardStream stream, LongSupplier feedHead) {
        Set<DashboardStream> streams = byEvent.computeIfAbsent(eventId, id -> ConcurrentHashMap.newKeySet());
        streams.add(stream);
        stream.ended().whenComplete((done, failure) -> streams.remove(stream));
        stream.start(feedHead.getAsLong());
        return stream.ended();
    }

    public int clients() {
        return byEvent.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void changesCommitted(UUID eventId, long lastSeq) {
        Set<DashboardStream> streams = byEvent.get(eventId);
        if (streams == null || streams.isEmpty()) {
            return;
        }
        signals.offer(eventId, lastSeq);
    }

    private void signal(UUID eventId, long lastSeq) {
        Set<DashboardStream> streams = byEvent.get(eventId);
        if (streams != null) {
            streams.forEach(stream -> stream.changed(lastSeq));
        }
    }

    private void lookAgain(UUID eventId) {
        Set<DashboardStream> streams = byEvent.get(eventId);
        if (streams != null) {
            streams.forEach(DashboardStream::lookAgain);
        }
    }

    @Override
    public void deviceRevoked(UUID deviceId) {
        // a door going away changes the dashboard too
        onRevocation.run();
        // the page looks again whatever it shows (no feed position moved); a revocation is a host's rare act, one
        // task per event
        byEvent.keySet().forEach(id -> {
            try {
                sender.execute(() -> lookAgain(id));
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                // nobody to tell
            }
        });
    }

    /**
     * The user's streams end: a stream was checked only when it opened, so a viewer signed out or disabled kept
     * hearing each change. The browser asks for it again and is checked then (a session still good gets it back).
     */
    @Override
    public void sessionsEnded(String username) {
        endStreamsOf(username);
    }

    /** As {@link #sessionsEnded}: a viewer taken off the event is asked again for its rights. */
    @Override
    public void accessChanged(String username) {
        endStreamsOf(username);
    }

    private void endStreamsOf(String username) {
        byEvent.values().forEach(set -> set.stream().filter(s -> s.username().equals(username))
                .forEach(DashboardStream::end));
    }

    @Override
    public void recheckAll() {
        // nothing authenticated is held here
    }

    @Override
    public void close() {
        sender.shutdownNow();
        byEvent.values().forEach(set -> set.forEach(DashboardStream::end));
        byEvent.clear();
    }
}
