package dev.lanyard.kiosk.ui.printing;

import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.core.Failures;
import dev.lanyard.kiosk.core.printing.NoPrinterException;
import dev.lanyard.kiosk.core.printing.PrintService;
import dev.lanyard.kiosk.core.printing.PrinterConfig;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.kiosk.ui.UiLanguage;
import dev.lanyard.print.badge.BadgeData;
import dev.lanyard.print.driver.PrinterProblem;
import dev.lanyard.print.model.HumanMessage;
import dev.lanyard.print.queue.PrintJob;
import dev.lanyard.print.queue.PrintJobState;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.LoggerFactory;

/**
 * The printer strip under a screen: what the printer is doing, and when it cannot print, the
 * problem in plain words next to what to do about it.
 */
public final class PrintFeedback {
    private final PrintService printing;
    private final Texts texts;
    private final UiExecutors executors;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper fix = new ReadOnlyStringWrapper(this, "fix", "");
    private final ReadOnlyBooleanWrapper problem = new ReadOnlyBooleanWrapper(this, "problem");
    /** A job's news or a pause was heard since {@link #start()}: the first reading, older, is not shown. */
    private final AtomicBoolean heard = new AtomicBoolean();
    private final Consumer<PrintJob> listener = job -> changed(job);
    private final PrintService.PauseListener pauses = new PrintService.PauseListener() {
        @Override
        public void paused(PrintJob job, HumanMessage why) {
            heard.set(true);
            executors.ui().execute(() -> show(false, texts.get("print.cooling", job.badge().name(), words(why)), ""));
        }

        @Override
        public void failedOver(PrintJob job, HumanMessage message) {
            heard.set(true);
            executors.ui().execute(() -> show(false, texts.get("print.failedOver", job.badge().name(), words(message)),
                    ""));
        }

        @Override
        public void resumed(PrintJob job, HumanMessage message) {
            heard.set(true);
            executors.ui().execute(() -> show(false, texts.get("print.resumed", job.badge().name()), ""));
        }
    };

    public PrintFeedback(PrintService printing, Texts texts, UiExecutors executors) {
        this.printing = printing;
        this.texts = texts;
        this.executors = executors;
    }

    /**
     * Shows what the printer is doing now, read off the UI thread: the job store keeps its lock while it writes to the
     * replica. A job's news that arrives meanwhile is newer and is not overwritten.
     */
    public void start() {
        heard.set(false);
        printing.addListener(listener);
        printing.addPauseListener(pauses);
        executors.background().execute(() -> {
            boolean configured = printing.configured();
            Optional<PrintJob> waiting = configured ? printing.currentProblem() : Optional.empty();
            String ready = texts.get("print.ready", printing.config().map(PrinterConfig::toString).orElse(""));
            executors.ui().execute(() -> {
                if (heard.get()) {
                    return;
                }
                if (!configured) {
                    show(false, texts.get("print.noPrinter"), texts.get("print.noPrinter.fix"));
                } else if (waiting.isPresent()) {
                    showJob(waiting.get());
                } else {
                    show(false, ready, "");
                }
            });
        });
    }

    public void stop() {
        printing.removeListener(listener);
        printing.removePauseListener(pauses);
    }

    /**
     * Queues a badge; "no printer", or a queue that could not take it (the replica failing to write the job), is
     * shown, never thrown. @return whether it was queued
     */
    public boolean submit(String key, BadgeData badge) {
        try {
            printing.print(key, badge);
            return true;
        } catch (NoPrinterException noPrinter) {
            heard.set(true);
            executors.ui().execute(() -> show(true, texts.get("print.noPrinter"), texts.get("print.noPrinter.fix")));
            return false;
        } catch (RuntimeException e) {
            notQueued(badge.name(), e);
            return false;
        }
    }

    /** The badge for {@code name} was never queued (it failed before it reached the queue): staff must know. */
    public void notQueued(String name, Throwable why) {
        LoggerFactory.getLogger(PrintFeedback.class).warn("the badge for a check-in was not queued", why);
        heard.set(true);
        String reason = Failures.reason(why);
        executors.ui().execute(() -> show(true, texts.get("print.notQueued", name == null ? "" : name, reason),
                texts.get("print.notQueued.fix")));
    }

    private void changed(PrintJob job) {
        heard.set(true);
        executors.ui().execute(() -> showJob(job));
    }

    void showJob(PrintJob job) {
        String name = job.badge().name();
        switch (job.state()) {
            case PROCESSING -> show(false, texts.get("print.printing", name), "");
            case SUCCESS -> show(false, texts.get("print.done", name), "");
            case CANCELLED -> show(false, texts.get("print.cancelled", name), "");
            case PENDING -> {
                if (job.lastProblem() == null) {
                    show(false, texts.get("print.waiting", name), "");
                } else {
                    show(true, texts.get("print.retrying", name, message(job)), fixFor(job.lastProblem()));
                }
            }
            case FAILED -> show(true, texts.get("print.failed", name, message(job)), fixFor(job.lastProblem()));
        }
    }

    private String words(HumanMessage m) {
        return texts.language() == UiLanguage.KOREAN ? m.korean() : m.english();
    }

    private String message(PrintJob job) {
        HumanMessage m = job.lastMessage() != null ? job.lastMessage() : job.lastProblem() != null
                ? job.lastProblem().message() : null;
        if (m == null) {
            return "";
        }
        return texts.language() == UiLanguage.KOREAN ? m.korean() : m.english();
    }

    /** What staff should do about {@code problem}, in the UI's language. */
    public String fixFor(PrinterProblem problem) {
        return texts.get("print.fix." + (problem == null ? PrinterProblem.UNKNOWN : problem).name());
    }

    private void show(boolean isProblem, String text, String fixText) {
        problem.set(isProblem);
        status.set(text);
        fix.set(fixText);
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty fixProperty() {
        return fix.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    static boolean isFinalFailure(PrintJob job) {
        return job.state() == PrintJobState.FAILED;
    }
}
