package dev.lanyard.kiosk.core.store;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops threads that write the replica. Never by interrupt: a thread interrupted inside a replica write, or while it
 * waits for its turn to write, has its next file operation close H2's file (ClosedByInterruptException), failing that
 * write and every later one of the process. A thread still busy when the wait ends is left to finish; closing the
 * replica waits for the write in progress ({@link Replica#close}).
 */
public final class ReplicaWriters {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaWriters.class);

    private ReplicaWriters() {
    }

    /** @return whether {@code executor} finished its work within {@code wait} */
    public static boolean stop(ExecutorService executor, Duration wait) {
        executor.shutdown();
        try {
            if (executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            LOG.warn("a replica writer was still busy {} s after it was asked to stop; left to finish",
                    wait.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
