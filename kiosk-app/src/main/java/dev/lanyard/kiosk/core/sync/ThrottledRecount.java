package dev.lanyard.kiosk.core.sync;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs a recount at most once per {@code gap}, however often it is asked for: the first ask after a quiet gap runs
 * at once on the asking thread, asks inside the gap are answered by one run when it ends (on {@code later}). The
 * feed confirms a busy door's own items in hundreds of frames a minute; recounting the outbox after each took a
 * replica transaction a desk's scan then waited behind (ADR 0349).
 */
public final class ThrottledRecount implements Runnable {
    private final Runnable recount;
    private final ScheduledExecutorService later;
    private final long gapNanos;
    private final LongSupplier nanoTime;
    private long lastRunAt;
    private boolean ranOnce;
    private boolean scheduled;

    public ThrottledRecount(Runnable recount, ScheduledExecutorService later, Duration gap) {
        this(recount, later, gap, System::nanoTime);
    }

    ThrottledRecount(Runnable recount, ScheduledExecutorService later, Duration gap, LongSupplier nanoTime) {
        this.recount = recount;
        this.later = later;
        this.gapNanos = gap.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public void run() {
        long wait;
        synchronized (this) {
            if (scheduled) {
                return;
            }
            long now = nanoTime.getAsLong();
            wait = ranOnce ? lastRunAt + gapNanos - now : 0;
            if (wait <= 0) {
                ranOnce = true;
                lastRunAt = now;
            } else {
                scheduled = true;
            }
        }
        if (wait <= 0) {
            recount.run();
            return;
        }
        try {
            later.schedule(this::runScheduled, wait, TimeUnit.NANOSECONDS);
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
            ranOnce = true;
            lastRunAt = nanoTime.getAsLong();
        }
        recount.run();
    }
}
