package dev.lanyard.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.ui.support.Desks;
import dev.lanyard.kiosk.ui.support.FxShell;
import dev.lanyard.kiosk.ui.support.RecordingSounds;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
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

/**
 * The sync bar against the real sync-server in this JVM: online, offline when the server
 * stops (and the desk keeps admitting), online again with nothing left to send when it returns.
 */
@ExtendWith(ApplicationExtension.class)
class SyncBarFxTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    Path tmp;
    LiveServer live;
    LanyardServer restarted;
    Kiosk kiosk;
    KioskSession session;
    FxShell fx;
    Participant guest;

    @Start
    void start(Stage stage) throws Exception {
        live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.WARN);
        guest = live.add("박지민", "jimin@example.com", "Hanbit");
        live.add("Grace Lee", "grace@example.com", "Acme");
        kiosk = live.kiosk(tmp.resolve("kiosk"), "Door 1", live.url(), Clock.systemUTC());
        session = Desks.session(kiosk, live.event, live.today, Clock.systemUTC(), new RecordingSounds());
        fx = FxShell.open(stage, session, new RecordingSounds());
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> fx.shell.close()).get();
        fx.close();
        if (restarted != null) {
            restarted.stop();
        }
        live.close();
    }

    <T> T onFx(Callable<T> call) {
        try {
            return WaitForAsyncUtils.asyncFx(call).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String text(FxRobot robot, String id) {
        return onFx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    @Test
    void theBarShowsOfflineWhenTheServerStopsAndRecoversWhenItReturns(FxRobot robot) {
        await().atMost(WAIT).until(() -> text(robot, "#syncState").equals("● Online"));
        int port = live.server.port();

        live.server.stop();
        await().atMost(WAIT).until(() -> text(robot, "#syncState").startsWith("● Offline"));
        assertThat(onFx(() -> robot.lookup("#syncBar").query().getStyleClass().contains("offline"))).isTrue();

        // the door keeps admitting while offline; the check-in waits to be sent
        robot.write(guest.ticketCode()).type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> text(robot, "#resultName").equals("박지민"));
        await().atMost(WAIT).until(() -> text(robot, "#syncPending").startsWith("1 check-ins waiting"));

        restarted = new LanyardServer(ServerConfig.builder(tmp.resolve("server")).host("127.0.0.1").port(port)
                .bcryptCost(4)
                .heartbeatInterval(Duration.ofMillis(500)).build()).start();

        await().atMost(WAIT).until(() -> text(robot, "#syncState").equals("● Online"));
        await().atMost(WAIT).until(() -> text(robot, "#syncPending").equals("Nothing waiting to send"));
        assertThat(onFx(() -> robot.lookup("#syncBar").query().getStyleClass().contains("offline"))).isFalse();
    }
}
