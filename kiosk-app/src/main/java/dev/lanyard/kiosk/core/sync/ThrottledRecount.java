package dev.lanyard.kiosk.core.sync;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a recount at most about once per {@code gap}, however often it is asked for: an ask when a run is due (the
 * first, or one a gap after the last run) runs at once on the asking thread; asks inside the gap are answered by one
 * run when it ends, on {@code later}. The feed confirms a busy door's own items in hundreds of frames a minute;
 * recounting the outbox after each took a replica transaction a desk's scan then waited behind (ADR 0349).
 */
public final class ThrottledRecount implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ThrottledRecount.class);
    private final Runnable recount;
    private final Later later;
    private final long gapNanos;
    private final LongSupplier nanoTime;
    /** Set a gap back at first, so the first ask is due. */
    private long lastRunAt;
    private boolean scheduled;

    /** Where the run at the end of a gap goes: the kiosk's sync thread. */
    @FunctionalInterface
    interface Later {
        void schedule(Runnable task, long delayNanos);
    }

    public ThrottledRecount(Runnable recount, ScheduledExecutorService later, Duration gap) {
        this(recount, (task, delay) -> later.schedule(task, delay, TimeUnit.NANOSECONDS), gap, System::nanoTime);
    }

    ThrottledRecount(Runnable recount, Later later, Duration gap, LongSupplier nanoTime) {
        this.recount = recount;
        this.later = later;
        this.gapNanos = gap.toNanos();
        this.nanoTime = nanoTime;
        this.lastRunAt = nanoTime.getAsLong() - gapNanos;
    }

    @Override
    public void run() {
        long wait;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            wait = lastRunAt + gapNanos - now;
            if (wait <= 0) {
                // due, even with a run scheduled: the thread it waits for may be busy with a long pull
                lastRunAt = now;
            } else if (scheduled) {
                return;
            } else {
                scheduled = true;
            }
        }
        if (wait <= 0) {
            recount.run();
            return;
        }
        try {
            later.schedule(this::runScheduled, wait);
        } catch (RejectedExecutionException e) {
            // the kiosk is closing: nobody will read the counts
            synchronized (this) {
                scheduled = false;
            }
        }
    }

    private void runScheduled() {
        synchronized (this) {
            scheduled = false;
            lastRunAt = nanoTime.getAsLong();
        }
        try {
            recount.run();
        } catch (RuntimeException e) {
            LOG.warn("recounting the outbox failed", e);
        }
    }
}
