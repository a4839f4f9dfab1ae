package dev.lanyard.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.kiosk.ui.eventpicker.EventPickerView;
import dev.lanyard.kiosk.ui.selfservice.SelfServiceView;
import dev.lanyard.kiosk.ui.support.Desks;
import dev.lanyard.kiosk.ui.support.FxShell;
import dev.lanyard.kiosk.ui.support.People;
import dev.lanyard.kiosk.ui.support.RecordingSounds;
import dev.lanyard.model.Event;
import dev.lanyard.model.ReentryPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A kiosk launched with {@code --self-service} whose start-up goes through the event picker (no event with check-in
 * today, or several): choosing the event opened the desk, with search over everyone, walk-in, drawing and settings,
 * for whoever stood at an unattended kiosk. Found by a review.
 */
@ExtendWith(ApplicationExtension.class)
class SelfServiceLaunchFxTest {
    @TempDir
    static Path tmp;
    FxShell fx;

    @Start
    void start(Stage stage) {
        Event event = People.event(ReentryPolicy.DENY);
        Path folder = tmp.resolve("kiosk");
        Seed.folder(folder, "http://127.0.0.1:9", java.util.List.of(event), People.participants(event.id(), 5, 3));
        // three days before the event: start-up cannot choose a day on its own
        Clock clock = Seed.clockAt(Seed.DAY1.minusDays(3), 10);
        KioskSession session = Desks.unchosen(Seed.kiosk(folder, clock), clock, new RecordingSounds());
        fx = FxShell.open(stage, session, new RecordingSounds(), true);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> fx.shell.close()).get();
        fx.close();
    }

    <T> T onFx(Callable<T> call) {
        try {
            return WaitForAsyncUtils.asyncFx(call).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void choosingTheEventAtStartUpOpensSelfServiceNotTheDesk(FxRobot robot) {
        await().atMost(Duration.ofSeconds(20)).until(() -> onFx(() -> fx.shell.current() instanceof EventPickerView));

        robot.type(KeyCode.ENTER);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> onFx(() -> !(fx.shell.current() instanceof EventPickerView)));
        assertThat(onFx(() -> fx.shell.current() instanceof SelfServiceView)).isTrue();
    }
}
