package dev.lanyard.kiosk.core.peer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A periodic task that outlives one failed run: a ScheduledExecutorService cancels a task for good, silently, the
 * first time it throws, so one failed replica read (a full disk, a failed force) ended the peers' anti-entropy or
 * their redials until the desk restarted.
 */
final class KeepRunning {
    private static final Logger LOG = LoggerFactory.getLogger(KeepRunning.class);

    private KeepRunning() {
    }

    static Runnable of(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("peers: {} failed; tried again at its next turn: {}", what, e.toString());
            }
        };
    }
}
