package dev.lanyard.kiosk.core.store;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Whose turn it is to write the replica: one writer at a time, and a desk's transaction before the sync's that wait
 * with it (ADR 0348). A person at the desk waits for a scan; nobody waits for the outbox's next question.
 * Otherwise the lock is fair (ADR 0323): a writer that waits goes before the next transaction of the one it waits
 * for. A sync writer that stepped back for a desk queues again behind the sync writers that came meanwhile.
 */
final class WriterTurns {
    /**
     * Fair: a writer that waits goes before the busy writer's next transaction (a catch-up's next page), which would
     * otherwise take the lock again before the woken waiter runs, page after page.
     */
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition noDeskWaiting = lock.newCondition();
    /** Desks that asked and have not got the lock yet; a sync writer that gets it while any do steps back. */
    private final AtomicInteger desksWaiting = new AtomicInteger();

    /** Not for a thread that holds the turn already: stepping back would let another writer into its transaction. */
    void take(boolean desk) {
        if (desk) {
            // a free lock is taken at once, even from a sync writer already woken for it that has not run yet: on a
            // busy machine it may wait milliseconds for a core
            if (lock.tryLock()) {
                return;
            }
            desksWaiting.incrementAndGet();
            try {
                lock.lock();
            } finally {
                desksWaiting.decrementAndGet();
            }
            return;
        }
        lock.lock();
        if (lock.getHoldCount() > 1) {
            lock.unlock();
            throw new IllegalStateException("a writer asked for the replica while it holds it");
        }
        while (desksWaiting.get() > 0) {
            // lets the lock go to the desk queued behind; the last desk to give it back wakes this writer
            noDeskWaiting.awaitUninterruptibly();
        }
    }

    void give() {
        if (desksWaiting.get() == 0) {
            noDeskWaiting.signalAll();
        }
        lock.unlock();
    }

    /** A writer waits for the one holding the turn (it may end a long transaction early for it, ADR 0343). */
    boolean othersWaiting() {
        return lock.hasQueuedThreads();
    }
}
