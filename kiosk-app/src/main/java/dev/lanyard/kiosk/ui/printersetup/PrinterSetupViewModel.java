package dev.lanyard.kiosk.ui.printersetup;

import dev.lanyard.kiosk.ui.KioskSession;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.kiosk.ui.UiLanguage;
import dev.lanyard.kiosk.ui.printing.PrintFeedback;
import dev.lanyard.kiosk.core.printing.PrintService;
import dev.lanyard.kiosk.core.printing.PrinterConfig;
import dev.lanyard.print.driver.LoadedRoll;
import dev.lanyard.print.driver.PrinterException;
import dev.lanyard.print.driver.StatusReport;
import dev.lanyard.print.media.Media;
import dev.lanyard.print.media.MediaCatalog;
import dev.lanyard.print.model.HumanMessage;
import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.queue.BatchProgress;
import dev.lanyard.print.queue.DeskPrinters;
import dev.lanyard.print.queue.PrintQueue;
import dev.lanyard.print.transport.Discovery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Printer setup: ports found on this machine (serial and Bluetooth SPP ports, USB printer
 * device files) or a network printer typed as host:port, the model and the label roll, the
 * printer's live status in plain words with the roll it reports loaded (offered as the roll), a test print, the badge
 * as it will print, and the
 * organizer's batch pre-print of every badge with progress, cancel and resume.
 */
public final class PrinterSetupViewModel {
    /** A port found on this machine. */
    public record Port(String address, String description) {
        @Override
        public String toString() {
            return address + "  —  " + description;
        }
    }

    private final KioskSession session;
    private final Texts texts;
    private final UiExecutors executors;
    private final Discovery discovery;
    private final PrintFeedback printFeedback;
    private final ObservableList<Port> ports = FXCollections.observableArrayList();
    private final ObservableList<PrinterModel> models = FXCollections.observableArrayList(
            Arrays.asList(PrinterModel.values()));
    private final ObservableList<Media> media = FXCollections.observableArrayList();
    private final StringProperty target = new SimpleStringProperty(this, "target", "");
    private final ObjectProperty<PrinterModel> model = new SimpleObjectProperty<>(this, "model");
    private final ObjectProperty<Media> roll = new SimpleObjectProperty<>(this, "roll");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper statusOk = new ReadOnlyBooleanWrapper(this, "statusOk");
    private final ReadOnlyStringWrapper loadedRoll = new ReadOnlyStringWrapper(this, "loadedRoll", "");
    private final ReadOnlyBooleanWrapper canUseLoadedRoll = new ReadOnlyBooleanWrapper(this, "canUseLoadedRoll");
    private Media loadedMedia;
    private final StringProperty secondTarget = new SimpleStringProperty(this, "secondTarget", "");
    private final ObjectProperty<PrinterModel> secondModel = new SimpleObjectProperty<>(this, "secondModel");
    private final ObjectProperty<Media> secondRoll = new SimpleObjectProperty<>(this, "secondRoll");
    private final ObservableList<Media> secondMedia = FXCollections.observableArrayList();
    private final javafx.beans.property.BooleanProperty alternate =
            new javafx.beans.property.SimpleBooleanProperty(this, "alternate");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<byte[]> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyDoubleWrapper batchFraction = new ReadOnlyDoubleWrapper(this, "batchFraction");
    private final ReadOnlyStringWrapper batchText = new ReadOnlyStringWrapper(this, "batchText", "");
    private final ReadOnlyBooleanWrapper batchRunning = new ReadOnlyBooleanWrapper(this, "batchRunning");

    public PrinterSetupViewModel(KioskSession session, Texts texts, UiExecutors executors) {
        this(session, texts, executors, new Discovery());
    }

    public PrinterSetupViewModel(KioskSession session, Texts texts, UiExecutors executors, Discovery discovery) {
        this.session = session;
        this.texts = texts;
        this.executors = executors;
        this.discovery = discovery;
        this.printFeedback = new PrintFeedback(session.printing(), texts, executors);
        model.addListener((o, old, m) -> {
            Media keep = roll.get();
            // every label the model's vendor driver offers (fitted to its head), plus the extra rolls Lanyard knows
            media.setAll(m == null ? List.of() : m.supportedMedia());
            roll.set(keep != null && media.contains(keep) ? keep : media.isEmpty() ? null : media.get(0));
        });
        secondModel.addListener((o, old, m) -> {
            Media keep = secondRoll.get();
            secondMedia.setAll(m == null ? List.of() : m.supportedMedia());
            secondRoll.set(keep != null && secondMedia.contains(keep) ? keep : secondMedia.isEmpty() ? null
                    : secondMedia.get(0));
        });
        session.printing().secondConfig().ifPresent(c -> {
            secondTarget.set(c.target());
            secondModel.set(c.model());
            secondRoll.set(c.media());
        });
        alternate.set(session.settings().deskMode() == DeskPrinters.Mode.ALTERNATE);
        roll.addListener((o, old, r) -> {
            updatePreview();
            canUseLoadedRoll.set(loadedMedia != null && !loadedMedia.equals(r));
        });
        session.printing().config().ifPresentOrElse(c -> {
            target.set(c.target());
            model.set(c.model());
            roll.set(c.media());
        }, () -> model.set(PrinterModel.QL_820NWB));
    }

    public PrintFeedback printFeedback() {
        return printFeedback;
    }

    /** Lists the ports of this machine (off the UI thread: serial enumeration can take a moment). */
    public CompletableFuture<Void> discover() {
        return CompletableFuture.supplyAsync(() -> {
            List<Port> found = new ArrayList<>();
            try {
                discovery.all().forEach(f -> found.add(new Port(f.address(), f.description())));
            } catch (RuntimeException | LinkageError e) {
                // no serial library for this platform, or /dev/usb unreadable: typed targets still work
            }
            return found;
        }, executors.background()).thenAcceptAsync(found -> {
            ports.setAll(found);
            message.set(found.isEmpty() ? texts.get("printer.ports.none")
                    : texts.get("printer.ports.found", found.size()));
        }, executors.ui());
    }

    public void usePort(Port port) {
        if (port != null) {
            target.set(port.address());
        }
    }

    /** The form as a printer config, or null with the reason in the message. */
    PrinterConfig config() {
        try {
            if (model.get() == null || roll.get() == null) {
                throw new IllegalArgumentException(texts.get("printer.choose"));
            }
            return new PrinterConfig(target.get(), model.get(), roll.get());
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return null;
        }
    }

    public boolean save() {
        PrinterConfig config = config();
        if (config == null) {
            return false;
        }
        PrinterConfig second = null;
        if (!secondTarget.get().isBlank()) {
            try {
                if (secondModel.get() == null || secondRoll.get() == null) {
                    throw new IllegalArgumentException(texts.get("printer.choose"));
                }
                second = new PrinterConfig(secondTarget.get(), secondModel.get(), secondRoll.get());
            } catch (IllegalArgumentException e) {
                message.set(texts.get("printer.second") + ": " + e.getMessage());
                return false;
            }
        }
        DeskPrinters.Mode mode = alternate.get() ? DeskPrinters.Mode.ALTERNATE : DeskPrinters.Mode.FAILOVER;
        session.settings().setPrinter(config);
        session.settings().setSecondPrinter(second, mode);
        session.printing().configureSecond(second, mode);
        session.printing().configure(config);
        message.set(texts.get("printer.saved", config));
        updatePreview();
        return true;
    }

    /** Asks the printer in the form for its status, in plain words. */
    public CompletableFuture<Boolean> checkStatus() {
        PrinterConfig config = config();
        if (config == null) {
            return CompletableFuture.completedFuture(false);
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                StatusReport report = PrintService.statusOf(config);
                if (report.ok()) {
                    return new Object[] {true, texts.get("printer.status.ok"), report.loaded()};
                }
                String words = report.messages().stream().map(this::words).collect(Collectors.joining(" · "));
                String fix = report.problems().isEmpty() ? "" : " — " + printFeedback.fixFor(report.problems().get(0));
                return new Object[] {false, words + fix, report.loaded()};
            } catch (PrinterException e) {
                return new Object[] {false, words(e.humanMessage()) + " — " + printFeedback.fixFor(e.problem()), null};
            } catch (RuntimeException e) {
                return new Object[] {false, e.getMessage(), null};
            }
        }, executors.background()).handleAsync((result, error) -> {
            if (error != null) {
                statusOk.set(false);
                status.set(String.valueOf(error.getCause() != null ? error.getCause() : error));
                showLoaded(null);
                return false;
            }
            statusOk.set((Boolean) result[0]);
            status.set((String) result[1]);
            showLoaded((LoadedRoll) result[2]);
            return (Boolean) result[0];
        }, executors.ui());
    }

    /** What the printer says is loaded; the roll is offered when it is one of this model's and not the chosen one. */
    private void showLoaded(LoadedRoll loaded) {
        if (loaded == null) {
            loadedMedia = null;
            loadedRoll.set("");
            canUseLoadedRoll.set(false);
            return;
        }
        loadedMedia = loaded.media().filter(media::contains).orElse(null);
        loadedRoll.set(loaded.reported() ? texts.get("printer.loaded", words(loaded.description()))
                : words(loaded.description()));
        canUseLoadedRoll.set(loadedMedia != null && !loadedMedia.equals(roll.get()));
    }

    /** Chooses the roll the printer reported as the label roll. */
    public void useLoadedRoll() {
        if (loadedMedia != null) {
            roll.set(media.get(media.indexOf(loadedMedia)));
        }
    }

    private String words(HumanMessage m) {
        return texts.language() == UiLanguage.KOREAN ? m.korean() : m.english();
    }

    /** Saves the form and prints the sample badge. */
    public boolean testPrint() {
        if (!save()) {
            return false;
        }
        boolean queued = printFeedback.submit("test/" + UUID.randomUUID(), PrintService.SAMPLE);
        if (queued) {
            message.set(texts.get("printer.test.queued"));
        }
        return queued;
    }

    private void updatePreview() {
        PrinterConfig config;
        try {
            config = model.get() == null || roll.get() == null ? null
                    : new PrinterConfig(target.get().isBlank() ? "127.0.0.1:9100" : target.get(),
                    model.get(), roll.get());
        } catch (IllegalArgumentException e) {
            config = null;
        }
        if (config == null) {
            preview.set(null);
            return;
        }
        PrinterConfig chosen = config;
        CompletableFuture.supplyAsync(() -> session.printing().preview(chosen, PrintService.SAMPLE),
                executors.background())
                .whenCompleteAsync((png, error) -> preview.set(error == null ? png : null), executors.ui());
    }

    String batchId() {
        return "preprint/" + session.eventId();
    }

    /** Queues a badge for every registered participant of the event (each once, however often this is pressed). */
    public CompletableFuture<BatchProgress> startBatch() {
        if (!session.printing().configured()) {
            message.set(texts.get("print.noPrinter"));
            return CompletableFuture.completedFuture(null);
        }
        UUID event = session.eventId();
        String batch = batchId();
        return CompletableFuture.supplyAsync(() -> {
            List<PrintQueue.BatchItem> items = session.badges().preprint(event);
            return session.printing().submitBatch(batch, items, p -> executors.ui().execute(() -> showBatch(p)));
        }, executors.background()).thenApplyAsync(p -> {
            showBatch(p);
            return p;
        }, executors.ui());
    }

    public CompletableFuture<Integer> cancelBatch() {
        return batchCall(() -> session.printing().cancelBatch(batchId()));
    }

    public CompletableFuture<Integer> resumeBatch() {
        return batchCall(() -> session.printing().resumeBatch(batchId()));
    }

    private CompletableFuture<Integer> batchCall(java.util.function.IntSupplier call) {
        if (!session.printing().configured()) {
            message.set(texts.get("print.noPrinter"));
            return CompletableFuture.completedFuture(0);
        }
        return CompletableFuture.supplyAsync(call::getAsInt, executors.background())
                .thenApplyAsync(n -> {
                    refreshBatch();
                    return n;
                }, executors.ui());
    }

    /** Re-reads the batch's progress (also after a restart, when no listener is attached). */
    public void refreshBatch() {
        if (session.printing().configured()) {
            CompletableFuture.supplyAsync(() -> session.printing().progress(batchId()), executors.background())
                    .thenAcceptAsync(this::showBatch, executors.ui());
        }
    }

    void showBatch(BatchProgress p) {
        if (p == null || p.total() == 0) {
            batchFraction.set(0);
            batchText.set(texts.get("printer.batch.none"));
            batchRunning.set(false);
            return;
        }
        int finished = p.succeeded() + p.failed() + p.cancelled();
        batchFraction.set((double) p.succeeded() / p.total());
        batchRunning.set(p.pending() > 0);
        batchText.set(texts.get("printer.batch.progress", p.succeeded(), p.total(), p.pending(), p.failed(),
                p.cancelled())
                + (finished == p.total() && p.succeeded() < p.total() ? " " + texts.get("printer.batch.resumeHint")
                : ""));
    }

    public ObservableList<Port> ports() {
        return ports;
    }

    public ObservableList<PrinterModel> models() {
        return models;
    }

    public ObservableList<Media> media() {
        return media;
    }

    public StringProperty targetProperty() {
        return target;
    }

    public ObjectProperty<PrinterModel> modelProperty() {
        return model;
    }

    public ObjectProperty<Media> rollProperty() {
        return roll;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty statusOkProperty() {
        return statusOk.getReadOnlyProperty();
    }

    /** A second printer at this desk: blank for none. */
    public StringProperty secondTargetProperty() {
        return secondTarget;
    }

    public ObjectProperty<PrinterModel> secondModelProperty() {
        return secondModel;
    }

    public ObjectProperty<Media> secondRollProperty() {
        return secondRoll;
    }

    public ObservableList<Media> secondMedia() {
        return secondMedia;
    }

    /** True: jobs alternate between the two printers; false: the second takes over when the first has a problem. */
    public javafx.beans.property.BooleanProperty alternateProperty() {
        return alternate;
    }

    /** "Loaded: 62 mm continuous roll", or that the printer cannot tell; empty before a status check. */
    public ReadOnlyStringProperty loadedRollProperty() {
        return loadedRoll.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUseLoadedRollProperty() {
        return canUseLoadedRoll.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The badge as it will print, as PNG bytes (the View turns them into an image). */
    public ReadOnlyObjectProperty<byte[]> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty batchFractionProperty() {
        return batchFraction.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty batchTextProperty() {
        return batchText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty batchRunningProperty() {
        return batchRunning.getReadOnlyProperty();
    }
}
