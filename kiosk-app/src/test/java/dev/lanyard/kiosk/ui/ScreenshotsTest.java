package dev.lanyard.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.core.drawing.DrawRequest;
import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.kiosk.ui.dashboard.DashboardView;
import dev.lanyard.kiosk.core.printing.PrinterConfig;
import dev.lanyard.kiosk.ui.shell.AppShell;
import dev.lanyard.kiosk.ui.support.Desks;
import dev.lanyard.kiosk.ui.support.MutableClock;
import dev.lanyard.kiosk.ui.support.People;
import dev.lanyard.kiosk.ui.support.RecordingSounds;
import dev.lanyard.kiosk.ui.support.Snapshots;
import dev.lanyard.model.DrawingPool;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.print.media.MediaCatalog;
import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.sim.PrinterSimulator;
import dev.lanyard.print.sim.SimulatorHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
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

/**
 * Renders every main screen with realistic data (Korean and English attendees, a morning of
 * arrivals, a printer simulator) and writes docs-ready PNGs: into {@code lanyard.screenshots.dir}
 * (target/screenshots under Maven; pass -Dlanyard.screenshots.dir=../docs/screenshots to refresh
 * the ones the README shows).
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotsTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    Path tmp;
    Stage stage;
    KioskSession session;
    AppShell shell;
    SimulatorHandle printer;
    List<Participant> people;
    ExecutorService background = Executors.newFixedThreadPool(2);
    Path out = Path.of(System.getProperty("lanyard.screenshots.dir", "target/screenshots"));

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void stop() throws Exception {
        if (shell != null) {
            WaitForAsyncUtils.asyncFx(() -> shell.close()).get();
        }
        if (printer != null) {
            printer.close();
        }
        if (live != null) {
            live.close();
        }
        background.shutdownNow();
    }

    <T> T onFx(Callable<T> call) {
        try {
            return WaitForAsyncUtils.asyncFx(call).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void shoot(String name) {
        WaitForAsyncUtils.waitForFxEvents(5);
        Path file = onFx(() -> Snapshots.write(stage.getScene().getRoot(), out.resolve(name + ".png")));
        assertThat(file).exists();
        assertThat(file.toFile().length()).isGreaterThan(10_000);
    }

    AppShell shell(Path dataDir, UiLanguage language) {
        LaunchOptions options = new LaunchOptions(dataDir, null, null, null, null, null, null, null, language, false);
        return onFx(() -> {
            AppShell s = new AppShell(stage, options, new UiExecutors(background, Platform::runLater),
                    Seed.clockAt(Seed.DAY1, 11),
                    new RecordingSounds());
            stage.setWidth(1280);
            stage.setHeight(800);
            return s;
        });
    }

    /** A desk with 2,000 attendees and a morning of arrivals (08:30 to 11:00), printing to a simulated QL-820NWB. */
    void busyDesk(UiLanguage language) throws Exception {
        Event event = People.event(ReentryPolicy.WARN);
        people = People.participants(event.id(), 2000, 2025);
        Path dir = tmp.resolve("kiosk-" + language.code());
        Seed.folder(dir, "http://127.0.0.1:9", List.of(event), people);
        MutableClock clock = new MutableClock(Seed.DAY1.atTime(8, 30).atZone(event.timezone()).toInstant());
        Kiosk kiosk = Kiosk.open(Seed.options(dir, clock), false);
        Random random = new Random(5);
        // a peak around 09:30, thinning out by 11:00; sorted, as a door sees them (the HLC never runs backwards)
        List<Double> hours = new java.util.ArrayList<>();
        for (int i = 3; i < 480; i++) {
            hours.add(Math.min(10.9, 8.5 + Math.abs(random.nextGaussian()) * 0.75));
        }
        java.util.Collections.sort(hours);
        for (int i = 0; i < hours.size(); i++) {
            java.time.Instant at = Seed.DAY1.atStartOfDay(event.timezone()).toInstant()
                    .plusSeconds((long) (hours.get(i) * 3600));
            clock.advance(Duration.between(clock.instant(), at));
            kiosk.checkIns().scan(event.id(), people.get(i + 3).ticketCode(), Seed.DAY1).join();
        }
        clock.advance(Duration.between(clock.instant(), Seed.DAY1.atTime(10, 58).atZone(event.timezone()).toInstant()));
        session = Desks.session(kiosk, event, Seed.DAY1, Seed.clockAt(Seed.DAY1, 11), new RecordingSounds());
        session.settings().setLanguage(language);
        printer = PrinterSimulator.startTcp(PrinterModel.QL_820NWB, MediaCatalog.get("62x100"), 0, null);
        PrinterConfig config = new PrinterConfig(printer.target(), PrinterModel.QL_820NWB, MediaCatalog.get("62x100"));
        session.settings().setPrinter(config);
        session.printing().configure(config);
        shell = shell(dir, language);
        onFx(() -> {
            shell.open(session);
            stage.show();
            return null;
        });
    }

    LiveServer live;

    /** A desk paired with the real sync-server (online), 2,000 attendees imported there as CSV and bootstrapped. */
    void onlineDesk(UiLanguage language) throws Exception {
        live = LiveServer.start(tmp.resolve("server-" + language.code()), false, ReentryPolicy.WARN);
        List<Participant> seeded = People.participants(live.event.id(), 2000, 2025);
        StringBuilder csv = new StringBuilder("name,email,company\n");
        seeded.forEach(p -> csv.append(p.name()).append(',').append(p.email()).append(',').append(p.company())
                .append('\n'));
        live.server.admin().importCsv(live.event.id(), csv.toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path dir = tmp.resolve("online-" + language.code());
        Kiosk kiosk = live.kiosk(dir, "Door 1", live.url(), java.time.Clock.systemUTC());
        java.util.Map<String, Participant> byEmail = new java.util.HashMap<>();
        dev.lanyard.kiosk.support.Replicas.participants(kiosk, live.event.id()).values()
                .forEach(p -> byEmail.put(p.email(), p));
        people = seeded.stream().map(p -> byEmail.get(p.email())).toList();
        for (int i = 10; i < 260; i++) {
            kiosk.checkIns().scan(live.event.id(), people.get(i).ticketCode(), live.today).join();
        }
        session = Desks.session(kiosk, live.event, live.today, java.time.Clock.systemUTC(), new RecordingSounds());
        session.setOperator("Minji");
        session.settings().setLanguage(language);
        printer = PrinterSimulator.startTcp(PrinterModel.QL_820NWB, MediaCatalog.get("62x100"), 0, null);
        PrinterConfig config = new PrinterConfig(printer.target(), PrinterModel.QL_820NWB, MediaCatalog.get("62x100"));
        session.settings().setPrinter(config);
        session.printing().configure(config);
        shell = shell(dir, language);
        onFx(() -> {
            shell.open(session);
            stage.show();
            return null;
        });
        await().atMost(WAIT).until(() -> {
            kiosk.syncStatus().refreshCounts();
            return kiosk.syncStatus().current().online() && kiosk.syncStatus().current().pendingItems() == 0;
        });
    }

    /** The self-service scan field has the keyboard (the screen puts it there on the next pulse). */
    /**
     * Switches to self-service, scans the first guest's ticket and shoots the welcome once its headline is
     * {@code welcome}.
     */
    void shootSelfServiceWelcome(FxRobot robot, java.util.function.Predicate<String> welcome, String name) throws
            Exception {
        onFx(() -> {
            shell.selfService();
            return null;
        });
        selfServiceReady();
        robot.write(people.get(0).ticketCode()).type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#headline").queryAs(Label.class).getText()), welcome);
        shoot(name);
    }

    void selfServiceReady() {
        await().atMost(WAIT).until(() -> onFx(() -> stage.getScene().getFocusOwner() != null
                && stage.getScene().getFocusOwner().getStyleClass().contains("self-input")));
    }

    boolean panel(FxRobot robot, String styleClass) {
        return onFx(() -> robot.lookup("#resultPanel").query().getStyleClass().contains(styleClass));
    }

    @Test
    void theDeskOnline(FxRobot robot) throws Exception {
        onlineDesk(UiLanguage.ENGLISH);
        robot.write(people.get(1).ticketCode()).type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> panel(robot, "result-admitted"));
        robot.write("Olivia", 40);
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#results").queryListView().getItems().size()) > 3);
        await().atMost(WAIT).until(() -> session.printing().printedCount(people.get(1).id()) == 1);
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#syncPending").queryAs(Label.class).getText())
                .equals("Nothing waiting to send"));
        shoot("desk");

        robot.type(KeyCode.ESCAPE);
        robot.write(people.get(20).ticketCode()).type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> panel(robot, "result-warning"));
        shoot("desk-reentry");

        robot.write("ZZZZ-NOT-A-TICKET").type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> panel(robot, "result-refused"));
        shoot("desk-unknown");

        shootSelfServiceWelcome(robot, h -> h.startsWith("Welcome, 홍길동"), "self-service");
    }

    @Test
    void theDeskWarnsAboutALaptopClockOffTheServers(FxRobot robot) throws Exception {
        busyDesk(UiLanguage.ENGLISH);
        // the offset an answer of the server would teach (ServerClock); this desk is offline, so it is told directly
        session.kiosk().syncStatus().clockOffset(-Duration.ofHours(3).plusMinutes(12).toMillis());
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#clockWarning").query().isVisible()));
        // this guest's admission came from the wrong clock and was re-stamped by the server's (OutboxSender)
        KioskReplica.of(session.kiosk()).write(tx -> {
            dev.lanyard.model.CheckInOp op = dev.lanyard.kiosk.core.store.CheckInLog.ops(tx, people.get(5).id(),
                    Seed.DAY1).get(0);
            long moved = -Duration.ofHours(3).plusMinutes(12).toMillis();
            dev.lanyard.kiosk.core.store.CheckInLog.rewrite(tx, op.restamped(
                    new dev.lanyard.model.clock.Hlc(op.hlc().wall() + moved, op.hlc().counter(), op.hlc().node())));
            return null;
        });
        robot.write(people.get(5).ticketCode()).type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> panel(robot, "result-warning"));
        shoot("desk-clock-warning");
    }

    @Test
    void theDeskSaysWhenThisKioskNeedsUpdating(FxRobot robot) throws Exception {
        busyDesk(UiLanguage.KOREAN);
        // what ChangeApplier raises at the first feed entry of a type this version cannot read (ADR 0335)
        UUID eventId = session.event().id();
        dev.lanyard.kiosk.core.store.NoticeStore.Row row = KioskReplica.of(session.kiosk()).write(tx ->
                dev.lanyard.kiosk.core.store.NoticeStore.addIfAbsent(tx, eventId,
                        dev.lanyard.kiosk.core.notices.ConflictNotice.Kind.UNREADABLE_CHANGES.name(),
                        UUID.randomUUID(), null, dev.lanyard.kiosk.core.notices.ConflictNotices.stored(java.util.Map.of(
                                dev.lanyard.kiosk.core.notices.ConflictNotice.Param.TYPE, "badge_template")),
                        0L).orElseThrow());
        session.kiosk().notices().publish(dev.lanyard.kiosk.core.notices.ConflictNotices.of(row));
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#conflictText").queryAs(Label.class).getText())
                .contains("badge_template"));
        shoot("desk-update-notice-ko");
    }

    @Test
    void staffScreens(FxRobot robot) throws Exception {
        busyDesk(UiLanguage.ENGLISH);
        robot.write(people.get(0).ticketCode()).type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> panel(robot, "result-admitted"));
        shoot("desk-offline");

        onFx(() -> {
            shell.detail(people.get(1).id());
            return null;
        });
        await().atMost(WAIT).until(() -> !onFx(() -> robot.lookup("#name").queryTextInputControl().getText())
                .isEmpty());
        shoot("participant-detail");

        robot.type(KeyCode.ESCAPE).type(KeyCode.F2);
        robot.write("Jamie Walker").type(KeyCode.TAB).write("jamie@example.org").type(KeyCode.TAB)
                .write("010-1234-5678")
                .type(KeyCode.TAB).write("Bitnine");
        shoot("walk-in");

        onFx(() -> {
            shell.printer();
            return null;
        });
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#preview").queryAs(javafx.scene.image.ImageView.class)
                .getImage()) != null);
        await().atMost(WAIT).until(() -> !onFx(() -> robot.lookup("#status").queryAs(Label.class).getText()).isEmpty());
        assertThat(onFx(() -> robot.lookup("#status").queryAs(Label.class).getText())).isEqualTo("Printer ready.");
        shoot("printer-setup");

        session.kiosk().drawings().draw(session.eventId(),
                new DrawRequest("Mechanical keyboard", DrawingPool.CHECKED_IN, true, null, 1, "staff"))
                .thenCompose(d -> session.kiosk().drawings().confirm(session.eventId(), d.drawingId())).join();
        onFx(() -> {
            shell.drawing();
            return null;
        });
        robot.write("iPad Air").press(KeyCode.CONTROL).press(KeyCode.D).release(KeyCode.D).release(KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#result").queryListView().isVisible()));
        shoot("prize-drawing");

        onFx(() -> {
            shell.dashboard();
            return null;
        });
        await().atMost(WAIT).until(() -> onFx(() -> ((DashboardView) shell.current()) != null
                && !robot.lookup("#days").queryListView().getItems().isEmpty()));
        WaitForAsyncUtils.sleep(500, java.util.concurrent.TimeUnit.MILLISECONDS);
        shoot("dashboard");

        onFx(() -> {
            shell.settings();
            return null;
        });
        shoot("settings");

        robot.clickOn("#calibrate");
        WaitForAsyncUtils.waitForFxEvents();
        shoot("settings-scanner-check");
        robot.clickOn("#scannerInput").write(dev.lanyard.kiosk.core.scan.Typist.korean2Set(
                dev.lanyard.kiosk.core.scan.ScannerCalibration.SAMPLE)).type(javafx.scene.input.KeyCode.ENTER);
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#scannerStatus").queryLabeled().getText()
                .contains("Korean")));

        onFx(() -> {
            shell.eventPicker();
            return null;
        });
        shoot("event-picker");

    }

    @Test
    void deskAndSelfServiceInKorean(FxRobot robot) throws Exception {
        onlineDesk(UiLanguage.KOREAN);
        robot.write(people.get(2).ticketCode()).type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> panel(robot, "result-admitted"));
        robot.write("김서", 40);
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#results").queryListView().getItems().size()) > 0);
        shoot("desk-ko");

        shootSelfServiceWelcome(robot, h -> h.contains("홍길동"), "self-service-ko");
    }

    @Test
    void unlockAndFirstRun(FxRobot robot) throws Exception {
        Path existing = tmp.resolve("locked");
        Seed.folder(existing, "http://127.0.0.1:9", List.of(People.event(ReentryPolicy.WARN)), List.of());
        shell = shell(existing, UiLanguage.ENGLISH);
        onFx(() -> {
            shell.begin();
            return null;
        });
        robot.write("wrong pin").type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#error").queryAs(Label.class).getText())
                .contains("not right"));
        shoot("unlock");
        onFx(() -> {
            shell.close();
            return null;
        });

        Path fresh = tmp.resolve("fresh");
        assertThat(Files.exists(fresh)).isFalse();
        shell = shell(fresh, UiLanguage.ENGLISH);
        onFx(() -> {
            shell.begin();
            return null;
        });
        robot.write("1234").type(KeyCode.TAB).write("1234").type(KeyCode.TAB).write("https://10.0.0.5:8443")
                .type(KeyCode.TAB).write("K7Q-2MX");
        shoot("first-run");
    }
}
