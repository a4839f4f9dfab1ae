package dev.lanyard.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.kiosk.ui.desk.DeskView;
import dev.lanyard.kiosk.ui.eventpicker.EventPickerView;
import dev.lanyard.kiosk.ui.shell.AppShell;
import dev.lanyard.kiosk.ui.support.People;
import dev.lanyard.kiosk.ui.support.RecordingSounds;
import dev.lanyard.kiosk.ui.unlock.UnlockView;
import dev.lanyard.model.Event;
import dev.lanyard.model.ReentryPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.control.Label;
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

/** From a locked kiosk to the desk with the keyboard, with no server anywhere (staff unlock works offline). */
@ExtendWith(ApplicationExtension.class)
class UnlockFxTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    Path tmp;
    AppShell shell;
    Event event = People.event(ReentryPolicy.WARN);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    /** Background tasks after the first (the unlock's key derivation) wait for this while a test holds it. */
    final java.util.concurrent.CountDownLatch laterTasks = new java.util.concurrent.CountDownLatch(1);
    final java.util.concurrent.atomic.AtomicInteger submitted = new java.util.concurrent.atomic.AtomicInteger();
    volatile boolean holding;
    final java.util.concurrent.Executor background = task -> {
        boolean hold = holding && submitted.incrementAndGet() > 1;
        pool.execute(() -> {
            if (hold) {
                try {
                    laterTasks.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            task.run();
        });
    };

    @Start
    void start(Stage stage) {
        Path dir = tmp.resolve("kiosk");
        Seed.folder(dir, "http://127.0.0.1:9", List.of(event), People.participants(event.id(), 5, 1));
        LaunchOptions options = new LaunchOptions(dir, null, null, null, null, null, null, null, UiLanguage.ENGLISH,
                false);
        // today is not one of the event's days, so the kiosk asks which day
        shell = new AppShell(stage, options, new UiExecutors(background, Platform::runLater), Clock.systemUTC(),
                new RecordingSounds());
        shell.begin();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> shell.close()).get();
        laterTasks.countDown();
        pool.shutdownNow();
    }

    <T> T onFx(Callable<T> call) {
        try {
            return WaitForAsyncUtils.asyncFx(call).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opening the door's session reads and decrypts every print job in the replica: done on the UI thread, a door with
     * a day's jobs froze at unlock. It is opened in the background; the window shows the unlock screen meanwhile.
     */
    @Test
    void theSessionIsOpenedOffTheUiThread(FxRobot robot) {
        holding = true;
        robot.write(Seed.SECRET, 0).type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> submitted.get() > 1);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(onFx(() -> shell.session())).as("no session opened on the UI thread").isNull();
        assertThat(onFx(() -> shell.current() instanceof UnlockView)).isTrue();

        laterTasks.countDown();
        await().atMost(WAIT).until(() -> onFx(() -> shell.current() instanceof EventPickerView));
        assertThat(onFx(() -> shell.session())).isNotNull();
    }

    @Test
    void aWrongPinStaysLockedAndTheRightOneOpensTheDeskOffline(FxRobot robot) {
        assertThat(onFx(() -> shell.current() instanceof UnlockView)).isTrue();

        robot.write("wrong").type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#error").queryAs(Label.class).getText())
                .contains("not right"));
        assertThat(onFx(() -> shell.current() instanceof UnlockView)).isTrue();

        robot.write(Seed.SECRET, 0).type(KeyCode.TAB).write("Minji").type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> onFx(() -> shell.current() instanceof EventPickerView));

        robot.type(KeyCode.UP).type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> onFx(() -> shell.current() instanceof DeskView));
        assertThat(shell.session().day()).isEqualTo(Seed.DAY1);
        assertThat(shell.session().operator()).isEqualTo("Minji");
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#syncState").queryAs(Label.class).getText())
                .startsWith("● Offline"));
    }
}
