package dev.lanyard.server.email;

import dev.lanyard.server.feed.ChangeHub;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Hears that an event's changes committed and lets {@link EmailService#follow} read them on its
 * own thread: the write path only publishes, as it does for the realtime layer, and a burst of
 * commits to one event is read once. A sweep every 30 seconds makes up for lost signals.
 */
public final class EmailFollower implements ChangeHub.Listener, AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EmailFollower.class);
    private final EmailService email;
    private final Runnable afterFollowing;
    private final Set<UUID> waiting = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lanyard-mail-follower");
        t.setDaemon(true);
        return t;
    });

    /** @param afterFollowing e.g. waking the sender, which has new rows to look at */
    public EmailFollower(EmailService email, Runnable afterFollowing) {
        this.email = email;
        this.afterFollowing = afterFollowing;
    }

    public void start() {
        thread.scheduleWithFixedDelay(() -> safely(email::followAll), 0, 30, TimeUnit.SECONDS);
    }

    @Override
    public void changesCommitted(UUID eventId, long lastSeq) {
        if (waiting.add(eventId)) {
            try {
                thread.execute(() -> {
                    waiting.remove(eventId);
                    safely(() -> email.follow(eventId));
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                waiting.remove(eventId);
            }
        }
    }

    private void safely(Runnable work) {
        try {
            work.run();
            afterFollowing.run();
        } catch (RuntimeException e) {
            LOG.warn("following the change feed for mail failed; the next sweep tries again", e);
        }
    }

    @Override
    public void deviceRevoked(UUID deviceId) {
    }

    @Override
    public void sessionsEnded(String username) {
    }

    @Override
    public void accessChanged(String username) {
        // mail follows the event, not a user
    }

    @Override
    public void recheckAll() {
    }

    /**
     * Lets a follow under way finish: an interrupt inside an H2 write would close the database (see MailWorker#close).
     */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
