package dev.lanyard.kiosk.ui.shell;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskOptions;
import dev.lanyard.kiosk.core.checkin.ScanResult;
import dev.lanyard.kiosk.ui.Fonts;
import dev.lanyard.kiosk.ui.KioskSession;
import dev.lanyard.kiosk.ui.LaunchOptions;
import dev.lanyard.kiosk.ui.Navigation;
import dev.lanyard.kiosk.ui.Screen;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.kiosk.ui.UiSettings;
import dev.lanyard.kiosk.ui.dashboard.DashboardView;
import dev.lanyard.kiosk.ui.dashboard.DashboardViewModel;
import dev.lanyard.kiosk.ui.desk.DeskView;
import dev.lanyard.kiosk.ui.desk.DeskViewModel;
import dev.lanyard.kiosk.ui.detail.DetailView;
import dev.lanyard.kiosk.ui.detail.DetailViewModel;
import dev.lanyard.kiosk.ui.drawing.DrawingView;
import dev.lanyard.kiosk.ui.drawing.DrawingViewModel;
import dev.lanyard.kiosk.ui.eventpicker.EventPickerView;
import dev.lanyard.kiosk.ui.eventpicker.EventPickerViewModel;
import dev.lanyard.kiosk.ui.firstrun.FirstRunView;
import dev.lanyard.kiosk.ui.firstrun.FirstRunViewModel;
import dev.lanyard.kiosk.ui.printersetup.PrinterSetupView;
import dev.lanyard.kiosk.ui.printersetup.PrinterSetupViewModel;
import dev.lanyard.kiosk.ui.selfservice.SelfServiceView;
import dev.lanyard.kiosk.ui.selfservice.SelfServiceViewModel;
import dev.lanyard.kiosk.ui.settings.SettingsView;
import dev.lanyard.kiosk.ui.settings.ScannerCalibrationViewModel;
import dev.lanyard.kiosk.ui.settings.SettingsViewModel;
import dev.lanyard.kiosk.ui.sound.SoundPlayer;
import dev.lanyard.kiosk.ui.unlock.UnlockView;
import dev.lanyard.kiosk.ui.unlock.UnlockViewModel;
import dev.lanyard.kiosk.ui.walkin.WalkInView;
import dev.lanyard.kiosk.ui.walkin.WalkInViewModel;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window and the way through it: unlock (or first run), event and day, then the desk and
 * the staff screens, each a View over a ViewModel. Every screen is reachable by keyboard: the
 * navigation bar's shortcuts work wherever the focus is, and each screen adds its own.
 */
public final class AppShell implements Navigation, AutoCloseable {
    public static final String TITLE = "Lanyard";
    private static final Logger LOG = LoggerFactory.getLogger(AppShell.class);
    private final Stage stage;
    private final LaunchOptions options;
    private final UiExecutors executors;
    private final Function<KioskOptions, KioskOptions> tuning;
    private final StartUp startUp;
    private final BorderPane frame = new BorderPane();
    private final Scene scene;
    private Texts texts;
    private KioskSession session;
    private Screen current;
    private DeskView desk;

    public AppShell(Stage stage, LaunchOptions options, UiExecutors executors, Clock clock, SoundPlayer sounds) {
        this(stage, options, executors, clock, sounds, o -> o);
    }

    /** @param tuning adjusts how kiosks are opened (tests shorten sync timings) */
    public AppShell(Stage stage, LaunchOptions options, UiExecutors executors, Clock clock, SoundPlayer sounds,
                    Function<KioskOptions, KioskOptions> tuning) {
        this.stage = stage;
        this.options = options;
        this.executors = executors;
        this.tuning = tuning;
        this.startUp = new StartUp(options, clock, sounds);
        this.texts = Texts.of(options.language() != null ? options.language()
                : UiSettings.languageBeforeUnlock(options.dataDir()));
        Fonts.load();
        frame.getStyleClass().add("frame");
        scene = new Scene(frame, 1280, 800);
        scene.getStylesheets().add(AppShell.class.getResource("/dev/lanyard/kiosk/ui/kiosk.css").toExternalForm());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::shortcut);
        stage.setTitle(TITLE);
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> {
            if (current != null && !current.staffChrome()) {
                // self-service: attendees cannot close the window; staff leave the mode with the PIN first
                e.consume();
            }
        });
    }

    public Scene scene() {
        return scene;
    }

    public Texts texts() {
        return texts;
    }

    public KioskSession session() {
        return session;
    }

    public Screen current() {
        return current;
    }

    boolean soundsOn() {
        KioskSession s = session;
        return s == null || s.settings().sounds();
    }

    /** Shows the window and the first screen: first run, or unlock (automatic when a secret was given). */
    public void begin() {
        stage.show();
        if (startUp.firstScreen() == StartUp.FirstScreen.FIRST_RUN) {
            FirstRunViewModel vm = new FirstRunViewModel(options.dataDir(), null, null, texts, executors, tuning);
            if (options.hasSecret()) {
                vm.pinProperty().set(new String(options.unlockSecret()));
                vm.pinAgainProperty().set(new String(options.unlockSecret()));
            }
            showFirstRun(vm);
        } else {
            UnlockViewModel vm = new UnlockViewModel(options.dataDir(), texts, executors, tuning);
            UnlockView view = showUnlock(vm);
            if (options.hasSecret()) {
                view.unlockGiven(options.unlockSecret());
            }
        }
    }

    private UnlockView showUnlock(UnlockViewModel vm) {
        UnlockView view = new UnlockView(vm, texts, unlocked -> unlocked(unlocked, vm::openFailed));
        show(view);
        return view;
    }

    /**
     * The door paired but its session did not open (the kiosk is closed): the folder is paired now, so it opens from
     * the unlock screen, which says why. The first-run screen stayed as it was, its pairing done, and told nothing.
     */
    private void openFailedAfterPairing(Throwable failure) {
        UnlockViewModel vm = new UnlockViewModel(options.dataDir(), texts, executors, tuning);
        vm.openFailed(failure);
        showUnlock(vm);
    }

    /**
     * The host revoked this kiosk and its data was erased (ADR 0315): back to the first-run
     * screen, which says why; never paired again on its own, even when started with --pair.
     */
    private void erasedByRevocation() {
        KioskSession old = session;
        session = null;
        if (old != null) {
            executors.background().execute(old::close);
        }
        FirstRunViewModel vm = new FirstRunViewModel(options.dataDir(), null, null, texts, executors, tuning);
        show(new FirstRunView(vm, texts, paired -> unlocked(
                new UnlockViewModel.Unlocked(paired.kiosk(), paired.staff(), null), this::openFailedAfterPairing)));
    }

    private void showFirstRun(FirstRunViewModel vm) {
        if (options.pairUrl() != null) {
            vm.serverProperty().set(options.pairCode().strip().startsWith("{") ? options.pairCode()
                    : options.pairUrl());
            vm.codeProperty().set(options.pairCode());
        }
        if (options.deviceName() != null) {
            vm.deviceNameProperty().set(options.deviceName());
        }
        FirstRunView view = new FirstRunView(vm, texts, paired ->
                unlocked(new UnlockViewModel.Unlocked(paired.kiosk(), paired.staff(), null),
                        this::openFailedAfterPairing));
        show(view);
        if (options.pairUrl() != null && (!vm.needsPinProperty().get() || options.hasSecret())) {
            view.pair();
        }
    }

    /** {@code openFailed}: told why the session could not be opened (the kiosk is closed by then). */
    private void unlocked(UnlockViewModel.Unlocked unlocked, java.util.function.Consumer<Throwable> openFailed) {
        Kiosk kiosk = unlocked.kiosk();
        kiosk.erased().thenAcceptAsync(erased -> erasedByRevocation(), executors.ui());
        // the session reads and opens every print job of the replica, and --printer writes to it: not on this thread
        CompletableFuture.supplyAsync(() -> {
            KioskSession opened = startUp.open(unlocked);
            if (kiosk.paired()) {
                startUp.takePrinterOption(opened);
            }
            return opened;
        }, executors.background()).whenCompleteAsync((opened, error) -> {
            if (error != null) {
                // the unlock screen stays; its next try opens the replica again
                LOG.error("opening the unlocked door failed", error);
                executors.background().execute(kiosk::close);
                openFailed.accept(error);
                return;
            }
            sessionOpened(unlocked, opened);
        }, executors.ui());
    }

    private void sessionOpened(UnlockViewModel.Unlocked unlocked, KioskSession opened) {
        Kiosk kiosk = unlocked.kiosk();
        session = opened;
        texts = Texts.of(session.settings().language());
        if (!kiosk.paired()) {
            showFirstRun(new FirstRunViewModel(options.dataDir(), kiosk, unlocked.staff(), texts, executors, tuning));
            return;
        }
        CompletableFuture.runAsync(() -> startUp.connect(kiosk), executors.background())
                .whenCompleteAsync((ok, error) -> {
                    if (error != null) {
                        LOG.warn("starting sync failed", error);
                    }
                    // a revocation erased the door while it connected: the first-run screen it shows stays
                    if (session == opened) {
                        open(opened);
                    }
                }, executors.ui());
    }

    /**
     * Continues with an unlocked, paired session: straight to the desk when the kiosk serves
     * one event with check-in today, else to the event and day picker.
     */
    public void open(KioskSession s) {
        this.session = s;
        this.texts = Texts.of(s.settings().language());
        this.desk = null;
        land();
    }

    /**
     * Where start-up goes with the session as it is: the picker first when no event is chosen, and from it on to where
     * the launch asked for (a kiosk launched for self-service went to the desk, open to whoever stood at it).
     */
    private void land() {
        switch (startUp.land(session)) {
            case EVENT_PICKER -> show(new EventPickerView(new EventPickerViewModel(session, texts), texts, this::land));
            case SELF_SERVICE -> selfService();
            case DESK -> desk();
        }
    }

    void show(Screen screen) {
        if (current != null) {
            current.hidden();
        }
        current = screen;
        frame.setTop(screen.staffChrome() && session != null && session.chosen() ? navBar() : null);
        frame.setCenter(screen.root());
        screen.shown();
    }

    private Parent navBar() {
        HBox bar = new HBox(6);
        bar.getStyleClass().add("nav-bar");
        bar.getChildren().addAll(
                navButton("nav.desk", this::desk),
                navButton("nav.walkin", this::walkIn),
                navButton("nav.printer", this::printer),
                navButton("nav.drawing", this::drawing),
                navButton("nav.dashboard", this::dashboard),
                navButton("nav.settings", this::settings),
                navButton("nav.selfservice", this::selfService),
                navButton("nav.event", this::eventPicker));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label where = new Label(texts.get("nav.where", session.event().name(), session.day(),
                session.operator() == null ? texts.get("nav.noOperator") : session.operator()));
        where.getStyleClass().add("nav-where");
        where.setMinWidth(0);
        bar.getChildren().addAll(grow, where);
        return bar;
    }

    private Button navButton(String key, Runnable action) {
        Button b = new Button(texts.get(key));
        b.setFocusTraversable(false);
        b.setOnAction(e -> action.run());
        b.getStyleClass().add("nav-button");
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    private Map<KeyCombination, Runnable> globalShortcuts() {
        Map<KeyCombination, Runnable> keys = new LinkedHashMap<>();
        keys.put(new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN), this::desk);
        keys.put(new KeyCodeCombination(KeyCode.DIGIT2, KeyCombination.SHORTCUT_DOWN), this::printer);
        keys.put(new KeyCodeCombination(KeyCode.DIGIT3, KeyCombination.SHORTCUT_DOWN), this::drawing);
        keys.put(new KeyCodeCombination(KeyCode.DIGIT4, KeyCombination.SHORTCUT_DOWN), this::dashboard);
        keys.put(new KeyCodeCombination(KeyCode.DIGIT5, KeyCombination.SHORTCUT_DOWN), this::settings);
        keys.put(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN), this::eventPicker);
        keys.put(new KeyCodeCombination(KeyCode.F2), this::walkIn);
        keys.put(new KeyCodeCombination(KeyCode.F9), this::selfService);
        return keys;
    }

    private void shortcut(KeyEvent e) {
        if (current == null) {
            return;
        }
        for (Map.Entry<KeyCombination, Runnable> k : current.shortcuts().entrySet()) {
            if (k.getKey().match(e)) {
                e.consume();
                k.getValue().run();
                return;
            }
        }
        if (current.staffChrome() && session != null && session.chosen()) {
            for (Map.Entry<KeyCombination, Runnable> k : globalShortcuts().entrySet()) {
                if (k.getKey().match(e)) {
                    e.consume();
                    k.getValue().run();
                    return;
                }
            }
        }
    }

    private boolean ready() {
        return session != null && session.chosen();
    }

    @Override
    public void desk() {
        if (!ready()) {
            return;
        }
        if (desk == null) {
            desk = new DeskView(new DeskViewModel(session, texts, executors), this, texts);
        }
        show(desk);
    }

    @Override
    public void desk(ScanResult result) {
        desk(result, null);
    }

    @Override
    public void desk(ScanResult result, String note) {
        desk();
        if (desk != null && result != null) {
            desk.showResult(result);
        }
        if (desk != null && note != null) {
            desk.showNote(note);
        }
    }

    @Override
    public void detail(UUID participantId) {
        if (ready()) {
            show(new DetailView(new DetailViewModel(session, participantId, texts, executors), this, texts));
        }
    }

    @Override
    public void walkIn() {
        if (ready()) {
            show(new WalkInView(new WalkInViewModel(session, texts, executors), this, texts));
        }
    }

    @Override
    public void selfService() {
        if (!ready()) {
            return;
        }
        show(new SelfServiceView(new SelfServiceViewModel(session, texts, executors), texts, this::leaveSelfService));
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.setFullScreenExitHint("");
        stage.setFullScreen(true);
    }

    private void leaveSelfService() {
        stage.setFullScreen(false);
        desk();
    }

    @Override
    public void printer() {
        if (ready()) {
            show(new PrinterSetupView(new PrinterSetupViewModel(session, texts, executors), texts));
        }
    }

    @Override
    public void drawing() {
        if (ready()) {
            show(new DrawingView(new DrawingViewModel(session, texts, executors), texts));
        }
    }

    @Override
    public void dashboard() {
        if (ready()) {
            show(new DashboardView(new DashboardViewModel(session, texts, executors), texts));
        }
    }

    @Override
    public void settings() {
        if (ready()) {
            show(new SettingsView(new SettingsViewModel(session.settings(), texts),
                    new ScannerCalibrationViewModel(session.kiosk().scanner(), texts), texts, this::languageChanged));
        }
    }

    private void languageChanged() {
        texts = Texts.of(session.settings().language());
        desk = null;
        settings();
    }

    @Override
    public void eventPicker() {
        if (session == null) {
            return;
        }
        EventPickerViewModel vm = new EventPickerViewModel(session, texts);
        show(new EventPickerView(vm, texts, () -> {
            desk = null;
            desk();
        }));
    }

    /** The event day this door is on, for titles. */
    public LocalDate day() {
        return session == null ? null : session.day();
    }

    @Override
    public void close() {
        if (current != null) {
            current.hidden();
            current = null;
        }
        if (session != null) {
            session.close();
        }
    }
}
