package dev.lanyard.print.queue;

import dev.lanyard.print.badge.BadgeData;
import dev.lanyard.print.driver.PrinterException;
import dev.lanyard.print.driver.PrinterProblem;
import dev.lanyard.print.model.HumanMessage;
import dev.lanyard.print.transport.TransportException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The print outbox for one printer. Jobs are stored before they are printed, printed one at a
 * time strictly in arrival order, retried with backoff when the printer reports something staff can fix,
 * and never printed again once the printer reported their labels done: every confirmed label is
 * recorded before the next is sent, and a retry starts after the last confirmed one.
 */
public final class PrintQueue {
    private final PrintJobStore store;
    private final JobPrinter printer;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final RetryPolicy retry;
    private final PrintListener listener;
    /**
     * Batches whose progress someone listens to, the most recently submitted kept. A desk runs batch after batch all
     * day and each listener holds its screen's objects: only the last few are shown, so the oldest is forgotten.
     */
    static final int BATCHES_LISTENED = 32;
    private final Map<String, Consumer<BatchProgress>> batchListeners = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(BATCHES_LISTENED, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Consumer<BatchProgress>> eldest) {
                    return size() > BATCHES_LISTENED;
                }
            });
    private final Set<UUID> cancelRequested = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private boolean draining;
    private boolean drainAgain;
    private ScheduledFuture<?> wakeup;

    public PrintQueue(PrintJobStore store, JobPrinter printer, ScheduledExecutorService scheduler, Clock clock,
                      RetryPolicy retry, PrintListener listener) {
        this.store = store;
        this.printer = printer;
        this.scheduler = scheduler;
        this.clock = clock;
        this.retry = retry;
        this.listener = listener == null ? PrintListener.NONE : listener;
    }

    /**
     * Queues a badge unless a job with this key exists; returns the job either way, so a kiosk
     * that retries a request after a crash gets the same job back and nothing prints twice.
     */
    public PrintJob submit(String idempotencyKey, BadgeData badge, int copies) {
        PrintJob job = store.insertIfAbsent(PrintJob.create(idempotencyKey, null, badge, copies, clock.instant()));
        kick();
        return job;
    }

    /** One item of a batch: its own idempotency key and badge. */
    public record BatchItem(String idempotencyKey, BadgeData badge) {
    }

    /** Queues many badges under {@code batchId}; {@code progress} hears after every change in the batch. */
    public BatchProgress submitBatch(String batchId, List<BatchItem> items, Consumer<BatchProgress> progress) {
        if (batchId == null || batchId.isBlank()) {
            throw new IllegalArgumentException("batch id must not be blank");
        }
        if (progress != null) {
            batchListeners.remove(batchId); // a batch submitted again is the newest, not kept at its first place
            batchListeners.put(batchId, progress);
        }
        Instant now = clock.instant();
        for (BatchItem item : items) {
            store.insertIfAbsent(PrintJob.create(item.idempotencyKey(), batchId, item.badge(), 1, now));
        }
        kick();
        return progress(batchId);
    }

    public BatchProgress progress(String batchId) {
        List<PrintJob> jobs = store.findByBatch(batchId);
        int ok = 0, failed = 0, cancelled = 0, pending = 0;
        for (PrintJob job : jobs) {
            switch (job.state()) {
                case SUCCESS -> ok++;
                case FAILED -> failed++;
                case CANCELLED -> cancelled++;
                case PENDING, PROCESSING -> pending++;
            }
        }
        return new BatchProgress(batchId, jobs.size(), ok, failed, cancelled, pending);
    }

    public Optional<PrintJob> job(UUID id) {
        return store.find(id);
    }

    /**
     * Cancels a job that has not printed yet. A job being printed right now finishes the label in
     * the printer and is cancelled instead of retried. Returns false if it was already final.
     */
    public boolean cancel(UUID id) {
        synchronized (lock) {
            PrintJob job = store.find(id).orElseThrow(() -> new IllegalArgumentException("no print job " + id));
            if (job.state() == PrintJobState.PENDING) {
                changed(job.withState(PrintJobState.CANCELLED, clock.instant()));
                // the queue sleeps until its head job is due: a cancelled head lets the next one go now
                kick();
                return true;
            }
            if (job.state() == PrintJobState.PROCESSING) {
                cancelRequested.add(id);
                return true;
            }
            return false;
        }
    }

    public int cancelBatch(String batchId) {
        int count = 0;
        for (PrintJob job : store.findByBatch(batchId)) {
            if (!job.state().isFinal() && cancel(job.id())) {
                count++;
            }
        }
        return count;
    }

    /** Re-queues a batch's cancelled and failed jobs (their printed labels stay printed). */
    public int resumeBatch(String batchId) {
        int count = 0;
        synchronized (lock) {
            for (PrintJob job : store.findByBatch(batchId)) {
                if ((job.state() == PrintJobState.CANCELLED || job.state() == PrintJobState.FAILED)
                        && !job.allPagesPrinted()) {
                    changed(job.requeued(clock.instant()));
                    count++;
                }
            }
        }
        kick();
        return count;
    }

    /**
     * After a restart: jobs caught mid-print go back to PENDING (their confirmed labels are kept),
     * and the queue starts working through what is pending.
     */
    public void resume() {
        synchronized (lock) {
            for (PrintJob job : store.findByState(EnumSet.of(PrintJobState.PROCESSING))) {
                changed(job.allPagesPrinted() ? job.withState(PrintJobState.SUCCESS, clock.instant())
                        : job.withState(PrintJobState.PENDING, clock.instant()));
            }
        }
        kick();
    }

    private void kick() {
        scheduler.execute(this::drain);
    }

    private void drain() {
        synchronized (lock) {
            if (draining) {
                drainAgain = true;
                return;
            }
            draining = true;
        }
        try {
            Optional<PrintJob> next;
            while ((next = nextDue()).isPresent()) {
                process(next.get());
            }
        } finally {
            synchronized (lock) {
                draining = false;
                if (drainAgain) {
                    drainAgain = false;
                    kick();
                }
            }
            scheduleWakeup();
        }
    }

    /**
     * The oldest pending job, if it is due. Strictly first in, first out: while the head job waits
     * out its backoff (the printer has a problem staff must fix) the jobs behind it wait too, so
     * badges come out in order and a cover left open does not burn every job's attempts.
     */
    private Optional<PrintJob> nextDue() {
        List<PrintJob> pending = store.findByState(EnumSet.of(PrintJobState.PENDING));
        if (pending.isEmpty() || pending.get(0).nextAttemptAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(pending.get(0));
    }

    /**
     * Wakes the queue when its oldest pending job is due: only that one may print next ({@link #nextDue}). Waking for a
     * job behind it that is due already found nothing to do and woke again at once, a core busy for as long as the
     * printer's problem lasted.
     */
    private void scheduleWakeup() {
        List<PrintJob> pending = store.findByState(EnumSet.of(PrintJobState.PENDING));
        Instant earliest = pending.isEmpty() ? null : pending.get(0).nextAttemptAt();
        synchronized (lock) {
            if (wakeup != null) {
                wakeup.cancel(false);
                wakeup = null;
            }
            if (earliest != null) {
                long delay = Math.max(0, Duration.between(clock.instant(), earliest).toMillis());
                wakeup = scheduler.schedule(this::drain, delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void process(PrintJob queued) {
        PrintJob job;
        synchronized (lock) {
            PrintJob current = store.find(queued.id()).orElseThrow();
            if (current.state() != PrintJobState.PENDING) {
                return;
            }
            if (current.allPagesPrinted()) {
                changed(current.withState(PrintJobState.SUCCESS, clock.instant()));
                return;
            }
            job = changed(current.startAttempt(clock.instant()));
        }
        UUID id = job.id();
        try {
            PrintJob printing = job;
            printer.print(job, job.pagesCompleted(), page -> {
                PrintJob updated = store.find(id).orElseThrow().withPagesCompleted(page + 1, clock.instant());
                store.update(updated);
                listener.pagePrinted(updated, page);
            }, new dev.lanyard.print.driver.PrinterActivity() {
                @Override
                public void paused(HumanMessage why) {
                    listener.printerPaused(printing, why);
                }

                @Override
                public void resumed(HumanMessage message) {
                    listener.printerResumed(printing, message);
                }

                @Override
                public void failedOver(HumanMessage message) {
                    listener.printerFailedOver(printing, message);
                }
            });
            finish(id, null, null, false);
        } catch (PrinterException e) {
            finish(id, e.problem(), e.humanMessage(), e.retryable());
        } catch (TransportException e) {
            // bytes that did not reach the printer: the next attempt (or the desk's other printer) may get through
            finish(id, PrinterProblem.CONNECTION_LOST, new HumanMessage("Connection to the printer failed: "
                    + e.getMessage(), "프린터 연결이 끊겼습니다: " + e.getMessage()), true);
        } catch (RuntimeException e) {
            // bad badge data or template: trying again cannot help
            finish(id, PrinterProblem.UNKNOWN, new HumanMessage("Badge could not be printed: " + e.getMessage(),
                    "배지를 인쇄할 수 없습니다: " + e.getMessage()), false);
        } catch (Error e) {
            // out of memory on one badge, say: the job must not stay PROCESSING until the desk restarts
            finish(id, PrinterProblem.UNKNOWN, new HumanMessage("Badge could not be printed: " + e,
                    "배지를 인쇄할 수 없습니다: " + e), false);
            throw e;
        }
    }

    private void finish(UUID id, PrinterProblem problem, HumanMessage message, boolean retryable) {
        synchronized (lock) {
            PrintJob job = store.find(id).orElseThrow();
            Instant now = clock.instant();
            boolean cancel = cancelRequested.remove(id);
            if (job.allPagesPrinted()) {
                changed(job.withState(PrintJobState.SUCCESS, now));
            } else if (problem == null) {
                changed(job.failed(PrinterProblem.UNKNOWN, new HumanMessage("Printer did not confirm every label",
                        "프린터가 모든 라벨을 확인하지 않았습니다"), now));
            } else if (cancel) {
                changed(job.withState(PrintJobState.CANCELLED, now));
            } else if (problem == PrinterProblem.PAGE_UNCONFIRMED && job.nextPageSentUnconfirmed()) {
                // sent twice without a word from the printer: a third copy may be a third badge; staff look
                changed(job.failed(problem, message, now));
            } else if (retryable && job.attempts() < retry.maxAttempts()) {
                changed(job.retryAt(now.plus(retry.delayAfter(job.attempts())), problem, message, now));
            } else {
                changed(job.failed(problem, message, now));
            }
        }
    }

    private PrintJob changed(PrintJob job) {
        store.update(job);
        listener.jobChanged(job);
        if (job.batchId() != null) {
            Consumer<BatchProgress> batchListener = batchListeners.get(job.batchId());
            if (batchListener != null) {
                batchListener.accept(progress(job.batchId()));
            }
        }
        return job;
    }

    /** How many batches' listeners are kept (for tests). */
    int listenedBatches() {
        return batchListeners.size();
    }

    /** Jobs that still need the printer, oldest first. */
    public List<PrintJob> pending() {
        return new ArrayList<>(store.findByState(EnumSet.of(PrintJobState.PENDING, PrintJobState.PROCESSING)));
    }
}
