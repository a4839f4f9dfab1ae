package dev.lanyard.kiosk.ui.shell;

import dev.lanyard.kiosk.ui.Fonts;
import dev.lanyard.kiosk.ui.LaunchOptions;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.kiosk.ui.sound.ToneSoundPlayer;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The JavaFX application: one window titled "Lanyard", run by {@link AppShell}. */
public final class KioskApp extends Application {
    private static volatile LaunchOptions pending;
    private AppShell shell;
    private ExecutorService background;
    private ToneSoundPlayer sounds;

    static void launchWith(LaunchOptions options) {
        pending = options;
        Application.launch(KioskApp.class);
    }

    @Override
    public void start(Stage stage) {
        Fonts.load();
        LaunchOptions options = pending != null ? pending :
                LaunchOptions.parse(getParameters().getRaw(), System.getenv(LaunchOptions.UNLOCK_ENV));
        background = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "lanyard-ui-work");
            t.setDaemon(true);
            return t;
        });
        UiExecutors executors = new UiExecutors(background, Platform::runLater);
        sounds = new ToneSoundPlayer(() -> shell == null || shell.soundsOn());
        shell = new AppShell(stage, options, executors, Clock.systemUTC(), sounds);
        shell.begin();
    }

    @Override
    public void stop() {
        if (shell != null) {
            shell.close();
        }
        if (sounds != null) {
            sounds.close();
        }
        if (background != null) {
            background.shutdownNow();
        }
    }
}
