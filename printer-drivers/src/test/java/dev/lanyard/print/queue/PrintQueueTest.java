package dev.lanyard.print.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.print.badge.BadgeData;
import dev.lanyard.print.badge.BadgeTemplate;
import dev.lanyard.print.driver.BadgeEncoder;
import dev.lanyard.print.driver.DirectPrinter;
import dev.lanyard.print.driver.PrintOptions;
import dev.lanyard.print.driver.PrinterProblem;
import dev.lanyard.print.driver.RunSettings;
import dev.lanyard.print.media.BrotherLabel;
import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.sim.Fault;
import dev.lanyard.print.sim.PrinterSimulator;
import dev.lanyard.print.sim.SimulatorHandle;
import dev.lanyard.print.transport.Target;
import dev.lanyard.print.transport.TransportException;
import dev.lanyard.print.transport.TransportOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue against the real printing path: renderer, encoder, TCP transport, simulator. */
class PrintQueueTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(20), 2, Duration.ofMillis(200));

    private RetryPolicy retry = FAST;
    private RunSettings run = new RunSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), true);
    private SimulatorHandle sim;
    private ScheduledExecutorService scheduler;
    private InMemoryPrintJobStore store;
    private final List<PrintJob> changes = new CopyOnWriteArrayList<>();
    private final List<Integer> printedPages = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        sim = PrinterSimulator.startTcp(PrinterModel.QL_820NWB, BrotherLabel.D62x100, 0, null);
        scheduler = Executors.newSingleThreadScheduledExecutor();
        store = new InMemoryPrintJobStore();
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        sim.close();
    }

    private PrintQueue queue(PrintListener extra) {
        return queue(extra, BadgeTemplate.defaultFor(BrotherLabel.D62x100));
    }

    private PrintQueue queue(PrintListener extra, BadgeTemplate template) {
        Target target = Target.parse(sim.target());
        DirectPrinter printer = new DirectPrinter(PrinterModel.QL_820NWB, BrotherLabel.D62x100,
                () -> target.open(TransportOptions.defaults()),
                run);
        JobPrinter jobPrinter = new BadgeJobPrinter(printer, template, new BadgeEncoder(), PrintOptions.defaults());
        return new PrintQueue(store, jobPrinter, scheduler, Clock.systemUTC(), retry, new PrintListener() {
            @Override
            public void jobChanged(PrintJob job) {
                changes.add(job);
                extra.jobChanged(job);
            }

            @Override
            public void pagePrinted(PrintJob job, int page) {
                printedPages.add(page);
                extra.pagePrinted(job, page);
            }
        });
    }

    private PrintQueue queue() {
        return queue(PrintListener.NONE);
    }

    private PrintJob awaitState(PrintQueue queue, PrintJob job, PrintJobState state) {
        await().atMost(WAIT).until(() -> queue.job(job.id()).orElseThrow().state() == state);
        return queue.job(job.id()).orElseThrow();
    }

    @Test
    void aSubmittedBadgePrintsAndSucceeds() {
        PrintQueue queue = queue();
        PrintJob job = queue.submit("participant-1/day-1", new BadgeData("홍길동", "Lanyard", null, "T-1"), 1);
        PrintJob done = awaitState(queue, job, PrintJobState.SUCCESS);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.pagesCompleted()).isEqualTo(1);
        assertThat(sim.pages()).hasSize(1);
        assertThat(changes).extracting(PrintJob::state).contains(PrintJobState.PROCESSING, PrintJobState.SUCCESS);
    }

    @Test
    void theSameIdempotencyKeyGivesTheSameJobAndPrintsOnce() {
        PrintQueue queue = queue();
        PrintJob first = queue.submit("op-42", new BadgeData("Kim", null, null, "T-42"), 1);
        PrintJob second = queue.submit("op-42", new BadgeData("Kim", null, null, "T-42"), 1);
        assertThat(second.id()).isEqualTo(first.id());
        awaitState(queue, first, PrintJobState.SUCCESS);
        PrintJob third = queue.submit("op-42", new BadgeData("Kim", null, null, "T-42"), 1);
        assertThat(third.state()).isEqualTo(PrintJobState.SUCCESS);
        assertThat(sim.pages()).hasSize(1);
    }

    @Test
    void aCoverOpenIsRetriedWithBackoffAndPrintsOnceFixed() {
        sim.inject(Fault.COVER_OPEN);
        PrintQueue queue = queue();
        PrintJob job = queue.submit("k1", new BadgeData("Kim", null, null, "T-1"), 1);
        await().atMost(WAIT).until(() -> queue.job(job.id()).orElseThrow().lastProblem() == PrinterProblem.COVER_OPEN);
        PrintJob waiting = queue.job(job.id()).orElseThrow();
        assertThat(waiting.lastMessage().korean()).contains("덮개");
        sim.clearFaults();
        PrintJob done = awaitState(queue, job, PrintJobState.SUCCESS);
        assertThat(done.attempts()).isGreaterThan(1);
        assertThat(sim.pages()).hasSize(1);
    }

    @Test
    void aJobFailsAfterTheLastAttempt() {
        sim.inject(Fault.NO_MEDIA);
        PrintQueue queue = queue();
        PrintJob job = queue.submit("k2", new BadgeData("Kim", null, null, "T-1"), 1);
        PrintJob failed = awaitState(queue, job, PrintJobState.FAILED);
        assertThat(failed.attempts()).isEqualTo(FAST.maxAttempts());
        assertThat(failed.lastProblem()).isEqualTo(PrinterProblem.NO_MEDIA);
        assertThat(sim.pages()).isEmpty();
    }

    @Test
    void aRetryNeverReprintsLabelsThePrinterReportedDone() {
        // the cover "opens" right after the first of three labels is reported printed
        PrintQueue queue = queue(new PrintListener() {
            @Override
            public void pagePrinted(PrintJob job, int page) {
                if (page == 0) {
                    sim.inject(Fault.COVER_OPEN);
                }
            }
        });
        PrintJob job = queue.submit("k3", new BadgeData("Kim", null, null, "T-3"), 3);
        await().atMost(WAIT).until(() -> queue.job(job.id()).orElseThrow().lastProblem() == PrinterProblem.COVER_OPEN);
        assertThat(queue.job(job.id()).orElseThrow().pagesCompleted()).isEqualTo(1);
        sim.clearFaults();
        PrintJob done = awaitState(queue, job, PrintJobState.SUCCESS);
        assertThat(done.pagesCompleted()).isEqualTo(3);
        assertThat(sim.pages()).hasSize(3);
        assertThat(printedPages).containsExactly(0, 1, 2);
    }

    @Test
    void aBatchReportsProgressAndCanBeCancelledAndResumed() {
        List<BatchProgress> progress = new CopyOnWriteArrayList<>();
        retry = new RetryPolicy(50, Duration.ofMillis(100), 1, Duration.ofMillis(100));
        sim.inject(Fault.COVER_OPEN); // hold the batch at its first badge so it can be cancelled
        PrintQueue queue = queue();
        List<PrintQueue.BatchItem> items = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            items.add(new PrintQueue.BatchItem("batch-a/" + i, new BadgeData("Guest " + i, "ACME", null, "T-" + i)));
        }
        queue.submitBatch("batch-a", items, progress::add);
        await().atMost(WAIT).until(() -> queue.job(store.findByKey("batch-a/0").orElseThrow().id()).orElseThrow()
                .lastProblem() != null);
        queue.cancelBatch("batch-a");
        await().atMost(WAIT).until(() -> queue.progress("batch-a").cancelled() == 5);
        assertThat(sim.pages()).isEmpty();

        sim.clearFaults();
        assertThat(queue.resumeBatch("batch-a")).isEqualTo(5);
        await().atMost(WAIT).until(() -> queue.progress("batch-a").succeeded() == 5);
        assertThat(sim.pages()).hasSize(5);
        assertThat(progress.get(progress.size() - 1)).isEqualTo(new BatchProgress("batch-a", 5, 5, 0, 0, 0));
        assertThat(progress).extracting(BatchProgress::succeeded).isSorted();
    }

    /** Every batch's listener was kept for as long as the desk ran, each holding the screen that submitted it. */
    @Test
    void onlyTheLatestBatchesKeepTheirListeners() {
        PrintQueue queue = queue();
        List<BatchProgress> latest = new CopyOnWriteArrayList<>();
        int batches = PrintQueue.BATCHES_LISTENED * 3;
        for (int b = 0; b < batches; b++) {
            List<PrintQueue.BatchItem> one = List.of(new PrintQueue.BatchItem("batch-" + b + "/0",
                    new BadgeData("Guest " + b, null, null, "T-" + b)));
            queue.submitBatch("batch-" + b, one, b == batches - 1 ? latest::add : progress -> { });
        }
        assertThat(queue.listenedBatches()).isEqualTo(PrintQueue.BATCHES_LISTENED);
        await().atMost(WAIT).until(() -> !latest.isEmpty() && latest.get(latest.size() - 1).done());
    }

    @Test
    void afterARestartInterruptedJobsResumeFromTheirLastConfirmedLabel() {
        BadgeData badge = new BadgeData("Kim", null, null, "T-9");
        PrintJob interrupted = PrintJob.create("k9", null, badge, 3, java.time.Instant.now())
                .startAttempt(java.time.Instant.now());
        store.insertIfAbsent(interrupted.withPagesCompleted(2, java.time.Instant.now()));
        PrintQueue queue = queue();
        queue.resume();
        PrintJob done = awaitState(queue, interrupted, PrintJobState.SUCCESS);
        assertThat(done.pagesCompleted()).isEqualTo(3);
        assertThat(sim.pages()).hasSize(1);
    }

    /** A printer's transport failing outside the driver's own translation was taken for bad badge data: failed. */
    @Test
    void aTransportFailureIsRetriedNotTakenForBadBadgeData() {
        Target target = Target.parse(sim.target());
        DirectPrinter printer = new DirectPrinter(PrinterModel.QL_820NWB, BrotherLabel.D62x100,
                () -> target.open(TransportOptions.defaults()), RunSettings.defaults());
        JobPrinter real = new BadgeJobPrinter(printer, BadgeTemplate.defaultFor(BrotherLabel.D62x100),
                new BadgeEncoder(), PrintOptions.defaults());
        java.util.concurrent.atomic.AtomicBoolean failedOnce = new java.util.concurrent.atomic.AtomicBoolean();
        JobPrinter flaky = (job, fromPage, pageDone) -> {
            if (failedOnce.compareAndSet(false, true)) {
                throw new TransportException("tcp 10.0.0.9:9100: printer closed the connection");
            }
            real.print(job, fromPage, pageDone);
        };
        PrintQueue queue = new PrintQueue(store, flaky, scheduler, Clock.systemUTC(), retry, new PrintListener() { });
        PrintJob job = queue.submit("k-transport", new BadgeData("Kim", null, null, "T-7"), 1);

        PrintJob done = awaitState(queue, job, PrintJobState.SUCCESS);

        assertThat(done.attempts()).isEqualTo(2);
    }

    /** An Error while printing (out of memory on a huge badge) left the job PROCESSING until the desk restarted. */
    @Test
    void aJobWhosePrintingThrowsAnErrorFailsInsteadOfStayingProcessing() {
        JobPrinter exhausted = (job, fromPage, pageDone) -> {
            throw new OutOfMemoryError("Java heap space (a test's)");
        };
        PrintQueue queue = new PrintQueue(store, exhausted, scheduler, Clock.systemUTC(), retry,
                new PrintListener() { });
        PrintJob job = queue.submit("k-error", new BadgeData("Kim", null, null, "T-8"), 1);

        PrintJob failed = awaitState(queue, job, PrintJobState.FAILED);

        assertThat(failed.lastMessage().english()).contains("Java heap space");
    }

    @Test
    void aBadBadgeFailsAtOnceWithoutRetrying() {
        BadgeTemplate normal = BadgeTemplate.defaultFor(BrotherLabel.D62x100);
        BadgeTemplate tinyQr = new BadgeTemplate(normal.widthMm(), normal.heightMm(), normal.orientation(),
                normal.name(),
                normal.company(), normal.extraLine(), new dev.lanyard.print.badge.QrSlot(2, 80, 5), null, null);
        PrintQueue queue = queue(PrintListener.NONE, tinyQr);
        PrintJob job = queue.submit("k5", new BadgeData("Kim", null, null, "T-5"), 1);
        PrintJob failed = awaitState(queue, job, PrintJobState.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastMessage().english()).contains("QR");
    }

    @Test
    void jobsPrintInArrivalOrderEvenWhenTheFirstHasToWait() {
        retry = new RetryPolicy(50, Duration.ofMillis(100), 1, Duration.ofMillis(100));
        sim.inject(Fault.COVER_OPEN);
        PrintQueue queue = queue();
        PrintJob first = queue.submit("first", new BadgeData("First", null, null, "T-1"), 1);
        PrintJob second = queue.submit("second", new BadgeData("Second", null, null, "T-2"), 1);
        await().atMost(WAIT).until(() -> queue.job(first.id()).orElseThrow().attempts() >= 2);
        assertThat(queue.job(second.id()).orElseThrow().attempts()).isZero();
        sim.clearFaults();
        awaitState(queue, second, PrintJobState.SUCCESS);
        assertThat(queue.job(first.id()).orElseThrow().state()).isEqualTo(PrintJobState.SUCCESS);
        assertThat(queue.job(first.id()).orElseThrow().updatedAt())
                .isBeforeOrEqualTo(queue.job(second.id()).orElseThrow().updatedAt());
    }

    @Test
    void aJobBehindOneWaitingOutItsBackoffDoesNotKeepTheQueueBusy() {
        retry = new RetryPolicy(50, Duration.ofSeconds(30), 1, Duration.ofSeconds(30));
        scheduler.shutdownNow();
        CountingScheduler counting = new CountingScheduler();
        scheduler = counting;
        sim.inject(Fault.COVER_OPEN);
        PrintQueue queue = queue();
        PrintJob first = queue.submit("first", new BadgeData("First", null, null, "T-1"), 1);
        await().atMost(WAIT).until(() -> queue.job(first.id()).orElseThrow().lastProblem() != null);
        queue.submit("second", new BadgeData("Second", null, null, "T-2"), 1);
        int before = counting.scheduled.get();
        await().pollDelay(Duration.ofMillis(500)).until(() -> true);
        // the second job is due but waits behind the first: the queue sleeps until the first's next attempt
        assertThat(counting.scheduled.get() - before).isLessThan(5);
    }

    /**
     * The once-more rule counts per label: the first label unconfirmed, then confirmed, then the second unconfirmed
     * once is not two unconfirmed sends of one label. (A printer whose attempts are scripted: the rule is the queue's.)
     */
    @Test
    void aLabelSentUnconfirmedOnceIsNotHeldAgainstTheNextLabel() {
        retry = new RetryPolicy(10, Duration.ofMillis(10), 1, Duration.ofMillis(10));
        java.util.concurrent.atomic.AtomicInteger attempt = new java.util.concurrent.atomic.AtomicInteger();
        JobPrinter scripted = (job, fromPage, pageDone) -> {
            switch (attempt.incrementAndGet()) {
                case 1 -> throw unconfirmed(0);
                case 2 -> {
                    pageDone.accept(0);
                    throw unconfirmed(1);
                }
                default -> pageDone.accept(1);
            }
        };
        PrintQueue queue = new PrintQueue(store, scripted, scheduler, Clock.systemUTC(), retry, PrintListener.NONE);
        PrintJob job = queue.submit("two", new BadgeData("Kim", null, null, "T-1"), 2);

        PrintJob done = awaitState(queue, job, PrintJobState.SUCCESS);

        assertThat(done.attempts()).isEqualTo(3);
    }

    private static dev.lanyard.print.driver.PrinterException unconfirmed(int pagesCompleted) {
        return new dev.lanyard.print.driver.PrinterException(PrinterProblem.PAGE_UNCONFIRMED,
                PrinterProblem.PAGE_UNCONFIRMED.message(), pagesCompleted);
    }

    @Test
    void cancellingAWaitingHeadJobLetsTheNextPrintAtOnce() {
        retry = new RetryPolicy(50, Duration.ofSeconds(60), 1, Duration.ofSeconds(60));
        sim.inject(Fault.COVER_OPEN);
        PrintQueue queue = queue();
        PrintJob first = queue.submit("first", new BadgeData("First", null, null, "T-1"), 1);
        PrintJob second = queue.submit("second", new BadgeData("Second", null, null, "T-2"), 1);
        await().atMost(WAIT).until(() -> queue.job(first.id()).orElseThrow().lastProblem() != null);
        // the queue has gone to sleep until the first job is due again, a minute from now
        await().pollDelay(Duration.ofMillis(300)).until(() -> true);
        sim.clearFaults();

        queue.cancel(first.id());

        awaitState(queue, second, PrintJobState.SUCCESS);
    }

    /** Counts the wake-ups the queue schedules. */
    private static final class CountingScheduler extends java.util.concurrent.ScheduledThreadPoolExecutor {
        final java.util.concurrent.atomic.AtomicInteger scheduled = new java.util.concurrent.atomic.AtomicInteger();

        CountingScheduler() {
            super(1);
        }

        @Override
        public java.util.concurrent.ScheduledFuture<?> schedule(Runnable command, long delay,
                java.util.concurrent.TimeUnit unit) {
            scheduled.incrementAndGet();
            return super.schedule(command, delay, unit);
        }
    }

    /**
     * A printer that takes a label's bytes and never says it printed it (a QL on raw TCP whose completion status does
     * not come) printed the badge at every retry: up to the policy's thousand tries. Found by a review.
     */
    @Test
    void aLabelThePrinterTookButNeverConfirmedIsSentAgainOnceThenLeftToStaff() {
        retry = new RetryPolicy(50, Duration.ofMillis(10), 1, Duration.ofMillis(10));
        run = new RunSettings(Duration.ofSeconds(2), Duration.ofMillis(200), true);
        sim.inject(Fault.SILENT);
        PrintQueue queue = queue();
        PrintJob job = queue.submit("silent", new BadgeData("Kim", null, null, "T-1"), 1);

        PrintJob failed = awaitState(queue, job, PrintJobState.FAILED);

        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(failed.lastProblem()).isEqualTo(PrinterProblem.PAGE_UNCONFIRMED);
        assertThat(sim.pages()).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void aPendingJobCanBeCancelled() {
        sim.inject(Fault.COVER_OPEN);
        PrintQueue queue = queue();
        PrintJob job = queue.submit("k6", new BadgeData("Kim", null, null, "T-6"), 1);
        await().atMost(WAIT).until(() -> queue.job(job.id()).orElseThrow().lastProblem() != null);
        queue.cancel(job.id());
        awaitState(queue, job, PrintJobState.CANCELLED);
        sim.clearFaults();
        assertThat(queue.cancel(job.id())).isFalse();
        assertThat(sim.pages()).isEmpty();
    }
}
