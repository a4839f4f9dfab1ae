package dev.lanyard.server.http.console;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * One open dashboard's server-sent events, written without ever blocking (ADR 0256). What waits for a viewer is
 * bounded whatever its connection does: the feed position to announce (the latest replaces the one before, as the
 * page only needs "look again, the feed is at n"), whether to look again for a reason without a position, and the
 * first event until it is out. A viewer whose browser stopped reading keeps those three and holds no thread; it goes
 * when its connection fails or times out.
 */
final class DashboardStream implements WriteListener, AsyncListener {
    private static final long NONE = -1;
    private final ServletOutputStream out;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private String ready;
    private long changed = NONE;
    private boolean lookAgain;
    private boolean writable;
    private boolean unflushed;

    private final String username;

    private DashboardStream(ServletOutputStream out, String username) {
        this.out = out;
        this.username = username;
    }

    /**
     * Starts the stream of an async request, watched by {@code username}: nothing is written until {@link #start} gives
     * the first event, and changes announced before then wait behind it.
     */
    static DashboardStream of(AsyncContext async, String username) throws IOException {
        DashboardStream stream = new DashboardStream(async.getResponse().getOutputStream(), username);
        async.addListener(stream);
        return stream;
    }

    /** Sends the first event ("ready" and the feed position the page asks for its panel until it shows). */
    void start(long feedHead) {
        synchronized (this) {
            ready = event("ready", feedHead);
        }
        out.setWriteListener(this);
    }

    /** Completes when the viewer's connection is gone (or the server closes it). */
    CompletableFuture<Void> ended() {
        return ended;
    }

    /** Who is watching: their streams end with their sessions or their rights. */
    String username() {
        return username;
    }

    boolean isEnded() {
        return ended.isDone();
    }

    /** The feed of the event is at {@code seq}. */
    void changed(long seq) {
        synchronized (this) {
            changed = Math.max(changed, seq);
        }
        pump();
    }

    /** The dashboard changed without the feed moving (a door revoked): the page looks again whatever it shows. */
    void lookAgain() {
        synchronized (this) {
            lookAgain = true;
        }
        pump();
    }

    void end() {
        ended.complete(null);
    }

    @Override
    public void onWritePossible() {
        synchronized (this) {
            writable = true;
        }
        pump();
    }

    @Override
    public void onError(Throwable failure) {
        end();
    }

    @Override
    public void onError(AsyncEvent event) {
        end();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        end();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        end();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // the stream's own async context; nothing restarts it
    }

    /** Writes what waits while the connection takes it; when it does not, the container calls back once it does. */
    private void pump() {
        boolean failed = false;
        synchronized (this) {
            try {
                while (writable && !ended.isDone() && out.isReady()) {
                    if (unflushed) {
                        unflushed = false;
                        out.flush();
                        continue;
                    }
                    byte[] next = takeWaiting();
                    if (next == null) {
                        return;
                    }
                    out.write(next);
                    unflushed = true;
                }
            } catch (IOException | IllegalStateException e) {
                failed = true;
            }
        }
        if (failed) {
            // outside the lock: completing hands the request back to Javalin, which completes the async context
            end();
        }
    }

    private byte[] takeWaiting() {
        StringBuilder events = new StringBuilder();
        if (ready != null) {
            events.append(ready);
            ready = null;
        }
        if (changed != NONE) {
            events.append(event("changed", changed));
            changed = NONE;
        }
        if (lookAgain) {
            events.append(event("changed", 0));
            lookAgain = false;
        }
        return events.isEmpty() ? null : events.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String event(String name, long data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }
}
