package dev.lanyard.kiosk.ui.support;

import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.ui.shell.AppShell;
import dev.lanyard.kiosk.ui.KioskSession;
import dev.lanyard.kiosk.ui.LaunchOptions;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.kiosk.ui.UiLanguage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The real app shell in a TestFX stage, over a session the test prepared. */
public final class FxShell implements AutoCloseable {
    public final AppShell shell;
    private final ExecutorService background = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "ui-test-work");
        t.setDaemon(true);
        return t;
    });

    private FxShell(Stage stage, Path dataDir, RecordingSounds sounds, boolean selfService, Clock clock) {
        LaunchOptions options = new LaunchOptions(dataDir, null, null, null, null, null, null, null,
                UiLanguage.ENGLISH, selfService);
        shell = new AppShell(stage, options, new UiExecutors(background, Platform::runLater), clock, sounds);
    }

    /** Call on the FX thread (a TestFX @Start method). */
    public static FxShell open(Stage stage, KioskSession session, RecordingSounds sounds) {
        return open(stage, session, sounds, false);
    }

    /** As {@link #open(Stage, KioskSession, RecordingSounds)}, launched with {@code --self-service} or not. */
    public static FxShell open(Stage stage, KioskSession session, RecordingSounds sounds, boolean selfService) {
        FxShell fx = new FxShell(stage, KioskReplica.of(session.kiosk()).folder().path(), sounds, selfService,
                selfService ? session.clock() : Clock.systemUTC());
        session.settings().setLanguage(UiLanguage.ENGLISH);
        fx.shell.open(session);
        stage.show();
        return fx;
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
