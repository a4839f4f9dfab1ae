package dev.lanyard.kiosk.core.printing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.Participant;
import dev.lanyard.print.badge.BadgeData;
import dev.lanyard.print.badge.BadgeRenderer;
import dev.lanyard.print.badge.BadgeTemplate;
import dev.lanyard.print.driver.BadgeEncoder;
import dev.lanyard.print.driver.DirectPrinter;
import dev.lanyard.print.driver.PrintOptions;
import dev.lanyard.print.driver.PrinterException;
import dev.lanyard.print.driver.PrinterProblem;
import dev.lanyard.print.driver.RunSettings;
import dev.lanyard.print.driver.StatusReport;
import dev.lanyard.print.model.HumanMessage;
import dev.lanyard.print.queue.BadgeJobPrinter;
import dev.lanyard.print.queue.BatchProgress;
import dev.lanyard.print.queue.JobPrinter;
import dev.lanyard.print.queue.PrintJob;
import dev.lanyard.print.queue.PrintJobState;
import dev.lanyard.print.queue.DeskPrinters;
import dev.lanyard.print.queue.PrintListener;
import dev.lanyard.print.queue.PrintQueue;
import dev.lanyard.print.queue.RetryPolicy;
import dev.lanyard.print.transport.TransportOptions;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * Badge printing for the desk: one print queue over the replica's job store, printing to the
 * printer configured now (changing the printer redirects jobs still waiting). Badge jobs are
 * keyed {@code badge/PARTICIPANT/REASON}, so a retried request never prints twice and the desk
 * can tell whether someone's badge was already printed.
 */
public final class PrintService implements AutoCloseable {
    /** The same badge the desk would print, for test prints and template previews. */
    public static final BadgeData SAMPLE = new BadgeData("홍길동 Gildong Hong", "Lanyard 주식회사", null, "7K3MQ9XD2RTABG");
    private final ReplicaPrintJobStore store;
    private final ScheduledExecutorService scheduler;
    private final boolean ownScheduler;
    private final Clock clock;
    private final RetryPolicy retry;
    private final List<Consumer<PrintJob>> listeners = new CopyOnWriteArrayList<>();
    private final List<PauseListener> pauseListeners = new CopyOnWriteArrayList<>();

    /** Hears the printer pause (head cooling) and resume while it prints a job; neither is a failure. */
    public interface PauseListener {
        void paused(PrintJob job, HumanMessage why);

        void resumed(PrintJob job, HumanMessage message);

        /** The desk's first choice of printer failed and the job goes on on the other. */
        default void failedOver(PrintJob job, HumanMessage message) {
        }
    }
    private volatile Current current;
    private volatile JsonNode eventTemplate;
    private PrintQueue queue;

    /**
     * The printer in use and the template it prints with; with a second printer at the desk, both
     * behind {@code desk} (jobs alternate or fail over, ADR 0105), each with its roll's template.
     */
    private record Current(PrinterConfig config, BadgeTemplate template, DirectPrinter printer, JobPrinter desk) {
    }

    private volatile PrinterConfig second;
    private volatile DeskPrinters.Mode deskMode = DeskPrinters.Mode.FAILOVER;

    public PrintService(ReplicaPrintJobStore store, Clock clock, RetryPolicy retry) {
        this(store, Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lanyard-print");
            t.setDaemon(true);
            return t;
        }), true, clock, retry);
    }

    PrintService(ReplicaPrintJobStore store, ScheduledExecutorService scheduler, boolean ownScheduler, Clock clock,
            RetryPolicy retry) {
        this.store = store;
        this.scheduler = scheduler;
        this.ownScheduler = ownScheduler;
        this.clock = clock;
        this.retry = retry;
    }

    public void addListener(Consumer<PrintJob> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<PrintJob> listener) {
        listeners.remove(listener);
    }

    public void addPauseListener(PauseListener listener) {
        pauseListeners.add(listener);
    }

    public void removePauseListener(PauseListener listener) {
        pauseListeners.remove(listener);
    }

    /** The event's badge template (its opaque JSON), or null for the media's default layout. */
    public synchronized void useEventTemplate(JsonNode template) {
        this.eventTemplate = template;
        Current c = current;
        if (c != null) {
            current = current(c.config);
        }
    }

    /** Prints to this printer from now on (jobs still waiting included); starts the queue the first time. */
    public synchronized void configure(PrinterConfig config) {
        Current c = current;
        if (c == null || !c.config.equals(config)) {
            current = current(config);
        }
        if (queue == null) {
            queue = new PrintQueue(store, new ToCurrentPrinter(), scheduler, clock, retry, new Fanout());
            queue.resume();
        }
    }

    /**
     * A second printer at this desk ({@code null}: none): from now on jobs alternate between the two
     * or fail over to it when the first reports a problem, per {@code mode}.
     */
    public synchronized void configureSecond(PrinterConfig secondPrinter, DeskPrinters.Mode mode) {
        DeskPrinters.Mode newMode = mode == null ? DeskPrinters.Mode.FAILOVER : mode;
        if (java.util.Objects.equals(second, secondPrinter) && deskMode == newMode) {
            return;   // unchanged: keep the desk's turn and which printer is resting
        }
        second = secondPrinter;
        deskMode = newMode;
        Current c = current;
        if (c != null) {
            current = current(c.config);
        }
    }

    public Optional<PrinterConfig> secondConfig() {
        return Optional.ofNullable(second);
    }

    private Current current(PrinterConfig config) {
        BadgeTemplate template = templateFor(config);
        DirectPrinter printer = directPrinter(config);
        JobPrinter first = new BadgeJobPrinter(printer, template, new BadgeEncoder(), PrintOptions.defaults());
        PrinterConfig other = second;
        if (other == null) {
            return new Current(config, template, printer, first);
        }
        JobPrinter secondPrinter = new BadgeJobPrinter(directPrinter(other), templateFor(other), new BadgeEncoder(),
                PrintOptions.defaults());
        DeskPrinters desk = new DeskPrinters(List.of(new DeskPrinters.Member(config.toString(), first),
                new DeskPrinters.Member(other.toString(), secondPrinter)), deskMode, clock,
                java.time.Duration.ofSeconds(30));
        return new Current(config, template, printer, desk);
    }

    private static DirectPrinter directPrinter(PrinterConfig config) {
        return new DirectPrinter(config.model(), config.media(),
                () -> config.parsedTarget().open(TransportOptions.defaults()),
                RunSettings.defaults());
    }

    public Optional<PrinterConfig> config() {
        Current c = current;
        return c == null ? Optional.empty() : Optional.of(c.config);
    }

    public boolean configured() {
        return current != null;
    }

    /** The template badges print with: the event's if it fits the roll, else the roll's default. */
    public BadgeTemplate template() {
        Current c = current;
        if (c == null) {
            throw new NoPrinterException();
        }
        return c.template;
    }

    private BadgeTemplate templateFor(PrinterConfig config) {
        JsonNode json = eventTemplate;
        if (json != null && !json.isNull()) {
            try {
                BadgeTemplate t = BadgeTemplate.fromJson(json);
                new BadgeRenderer().render(SAMPLE, t, config.media());
                return t;
            } catch (IllegalArgumentException doesNotFit) {
                // the event's layout is for another roll: the roll's own layout prints a usable badge
            }
        }
        return BadgeTemplate.defaultFor(config.media());
    }

    /** A PNG of {@code badge} as this printer would print it. */
    public byte[] preview(BadgeData badge) {
        Current c = current;
        if (c == null) {
            throw new NoPrinterException();
        }
        return new BadgeRenderer().render(badge, c.template, c.config.media()).toPng();
    }

    /** A preview for a printer not (yet) chosen: the roll's default layout. */
    public byte[] preview(PrinterConfig config, BadgeData badge) {
        return new BadgeRenderer().render(badge, templateFor(config), config.media()).toPng();
    }

    /** What goes on someone's badge. */
    public static BadgeData badgeOf(Participant p) {
        String name = p.name() == null || p.name().isBlank() ? "Guest" : p.name();
        return new BadgeData(name, p.company(), null, p.ticketCode());
    }

    public static String badgeKey(UUID participantId, String reason) {
        return "badge/" + participantId + "/" + reason;
    }

    /** Queues a badge; returns the job (the existing one when this key was queued before). */
    public PrintJob print(String idempotencyKey, BadgeData badge) {
        PrintQueue q;
        synchronized (this) {
            q = queue;
        }
        if (q == null) {
            throw new NoPrinterException();
        }
        return q.submit(idempotencyKey, badge, 1);
    }

    /** Badges of this participant the printer confirmed. */
    public int printedCount(UUID participantId) {
        return (int) store.findByKeyPrefix("badge/" + participantId + "/").stream()
                .filter(j -> j.state() == PrintJobState.SUCCESS).count();
    }

    /** Badges of this participant queued and not final yet. */
    public int waitingCount(UUID participantId) {
        return (int) store.findByKeyPrefix("badge/" + participantId + "/").stream().filter(j -> !j.state().isFinal())
                .count();
    }

    public BatchProgress submitBatch(String batchId, List<PrintQueue.BatchItem> items,
            Consumer<BatchProgress> progress) {
        return requireQueue().submitBatch(batchId, items, progress);
    }

    public BatchProgress progress(String batchId) {
        return requireQueue().progress(batchId);
    }

    public int cancelBatch(String batchId) {
        return requireQueue().cancelBatch(batchId);
    }

    public int resumeBatch(String batchId) {
        return requireQueue().resumeBatch(batchId);
    }

    public Optional<PrintJob> job(UUID id) {
        return store.find(id);
    }

    /** The newest job that failed or is waiting out a printer problem, if any: what the desk's printer strip shows. */
    public Optional<PrintJob> currentProblem() {
        List<PrintJob> waiting = store.findByState(java.util.EnumSet.of(PrintJobState.PENDING,
                PrintJobState.PROCESSING));
        for (PrintJob job : waiting) {
            if (job.lastProblem() != null) {
                return Optional.of(job);
            }
        }
        return Optional.empty();
    }

    /** Asks the printer how it is (on the caller's thread: call it off the UI thread). */
    public StatusReport status() throws PrinterException {
        Current c = current;
        if (c == null) {
            throw new PrinterException(PrinterProblem.UNREACHABLE,
                    new HumanMessage("No printer is set up", "프린터가 설정되지 않았습니다"), 0);
        }
        return c.printer.status();
    }

    /** Asks the printer of {@code config} how it is, with the roll check (caller's thread). */
    public static StatusReport statusOf(PrinterConfig config) throws PrinterException {
        return new DirectPrinter(config.model(), config.media(),
                () -> config.parsedTarget().open(TransportOptions.defaults()),
                RunSettings.defaults()).status();
    }

    private synchronized PrintQueue requireQueue() {
        if (queue == null) {
            throw new NoPrinterException();
        }
        return queue;
    }

    /**
     * Stops taking work and waits a little for a label in flight. Never interrupts the print
     * thread: an interrupt in the middle of an H2 write closes the replica's file (H2 treats
     * ClosedByInterruptException as fatal). A job cut off here resumes after the next start.
     */
    @Override
    public void close() {
        if (ownScheduler) {
            dev.lanyard.kiosk.core.store.ReplicaWriters.stop(scheduler, java.time.Duration.ofSeconds(5));
        }
    }

    /** Prints with whatever printer is configured when the job's turn comes. */
    private final class ToCurrentPrinter implements JobPrinter {
        @Override
        public void print(PrintJob job, int fromPage, java.util.function.IntConsumer pageDone) throws PrinterException {
            print(job, fromPage, pageDone, dev.lanyard.print.driver.PrinterActivity.NONE);
        }

        @Override
        public void print(PrintJob job, int fromPage, java.util.function.IntConsumer pageDone,
                          dev.lanyard.print.driver.PrinterActivity activity) throws PrinterException {
            current.desk().print(job, fromPage, pageDone, activity);
        }
    }

    private final class Fanout implements PrintListener {
        @Override
        public void jobChanged(PrintJob job) {
            for (Consumer<PrintJob> l : listeners) {
                try {
                    l.accept(job);
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(PrintService.class).warn("print listener failed", e);
                }
            }
        }

        @Override
        public void printerPaused(PrintJob job, HumanMessage why) {
            org.slf4j.LoggerFactory.getLogger(PrintService.class).info("printer paused: {}", why.english());
            for (PauseListener l : pauseListeners) {
                l.paused(job, why);
            }
        }

        @Override
        public void printerFailedOver(PrintJob job, HumanMessage message) {
            org.slf4j.LoggerFactory.getLogger(PrintService.class).warn("printer failed over: {}", message.english());
            for (PauseListener l : pauseListeners) {
                l.failedOver(job, message);
            }
        }

        @Override
        public void printerResumed(PrintJob job, HumanMessage message) {
            org.slf4j.LoggerFactory.getLogger(PrintService.class).info("printer resumed: {}", message.english());
            for (PauseListener l : pauseListeners) {
                l.resumed(job, message);
            }
        }
    }
}
