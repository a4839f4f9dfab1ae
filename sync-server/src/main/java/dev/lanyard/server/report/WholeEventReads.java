package dev.lanyard.server.report;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * How many reads of a whole event (a report, an export: O(event) CPU each, and any door of the event may ask for a
 * report) the server runs at once. One more is refused at once with {@link ReadsBusyException}, never queued: a queue
 * would hold one of the HTTP threads the doors' pushes need per waiting request. The permit is held only while the
 * answer is computed; an answer's slow client is served from the answer's spill, not by this thread (ADR 0245).
 */
public final class WholeEventReads {
    /** As many as this machine has cores, and two at least: more at once only wait for a core, taken from pushes. */
    public static final int DEFAULT_AT_ONCE = Math.max(2, Runtime.getRuntime().availableProcessors());
    private final String what;
    private final int atOnce;
    private final Semaphore permits;

    public WholeEventReads(String what, int atOnce) {
        if (atOnce < 1) {
            throw new IllegalArgumentException("at least one " + what + " at once");
        }
        this.what = what;
        this.atOnce = atOnce;
        this.permits = new Semaphore(atOnce);
    }

    public <T> T run(Supplier<T> read) {
        if (!permits.tryAcquire()) {
            throw new ReadsBusyException(what, atOnce);
        }
        try {
            return read.get();
        } finally {
            permits.release();
        }
    }

    public void run(Runnable read) {
        run(() -> {
            read.run();
            return null;
        });
    }
}
