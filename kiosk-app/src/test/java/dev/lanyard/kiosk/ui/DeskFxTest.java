package dev.lanyard.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.ui.desk.DeskView;
import dev.lanyard.kiosk.ui.detail.DetailView;
import dev.lanyard.kiosk.ui.selfservice.SelfServiceView;
import dev.lanyard.kiosk.ui.sound.Sound;
import dev.lanyard.kiosk.ui.support.Desks;
import dev.lanyard.kiosk.ui.support.FxShell;
import dev.lanyard.kiosk.ui.support.People;
import dev.lanyard.kiosk.ui.support.RecordingSounds;
import dev.lanyard.kiosk.ui.walkin.WalkInView;
import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantSource;
import dev.lanyard.model.ReentryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
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
 * The real screens, driven with the keyboard only (a HID scanner is a keyboard): no test here
 * clicks. Runs headless on Monocle.
 */
@ExtendWith(ApplicationExtension.class)
class DeskFxTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    static Path tmp;
    static int runs;
    RecordingSounds sounds = new RecordingSounds();
    KioskSession session;
    FxShell fx;
    List<Participant> people;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Event event = People.event(ReentryPolicy.DENY);
        people = People.participants(event.id(), 30, 11);
        session = Desks.session(tmp.resolve("kiosk" + runs++), event, people, sounds);
        fx = FxShell.open(stage, session, sounds);
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

    String text(FxRobot robot, String id) {
        return onFx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    boolean panelIs(FxRobot robot, String styleClass) {
        return onFx(() -> robot.lookup("#resultPanel").queryAs(Region.class).getStyleClass().contains(styleClass));
    }

    void scan(FxRobot robot, String code) {
        robot.write(code).type(KeyCode.ENTER);
    }

    @Test
    void theDeskWarnsWhileTheLaptopsClockIsOffTheServers(FxRobot robot) {
        assertThat(onFx(() -> robot.lookup("#clockWarning").query().isVisible())).isFalse();

        session.kiosk().syncStatus().clockOffset(-Duration.ofHours(3).plusMinutes(12).toMillis());

        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#clockWarning").query().isVisible()));
        assertThat(text(robot, "#clockWarning")).isEqualTo(
                "This laptop's clock is 3 h 12 min ahead of the server. Check-ins still count.");

        session.kiosk().syncStatus().clockOffset(2_000);
        await().atMost(WAIT).until(() -> !onFx(() -> robot.lookup("#clockWarning").query().isVisible()));
    }

    @Test
    void aScannedTicketShowsTheGreenAdmittedPanel(FxRobot robot) {
        scan(robot, people.get(0).ticketCode());

        await().atMost(WAIT).until(() -> panelIs(robot, "result-admitted"));
        assertThat(text(robot, "#headline")).isEqualTo("Welcome!");
        assertThat(text(robot, "#resultName")).isEqualTo("홍길동");
        await().atMost(WAIT).until(() -> text(robot, "#checkedInCount").equals("1 in today"));
        assertThat(sounds.played()).containsExactly(Sound.ADMITTED);
    }

    @Test
    void theSameTicketAgainShowsAlreadyInWithTimeAndDoor(FxRobot robot) {
        scan(robot, people.get(1).ticketCode());
        await().atMost(WAIT).until(() -> panelIs(robot, "result-admitted"));

        scan(robot, people.get(1).ticketCode());

        await().atMost(WAIT).until(() -> panelIs(robot, "result-warning"));
        assertThat(text(robot, "#headline")).isEqualTo("Already checked in");
        assertThat(text(robot, "#resultDetail")).isEqualTo("First admitted at 10:00, this door");
        assertThat(sounds.played()).containsExactly(Sound.ADMITTED, Sound.ALREADY_IN);
    }

    @Test
    void f8UndoesTheLastAdmission(FxRobot robot) {
        scan(robot, people.get(2).ticketCode());
        await().atMost(WAIT).until(() -> panelIs(robot, "result-admitted"));

        robot.type(KeyCode.F8);

        await().atMost(WAIT).until(() -> panelIs(robot, "result-undone"));
        assertThat(text(robot, "#headline")).isEqualTo("Admission undone");
        await().atMost(WAIT).until(() -> text(robot, "#checkedInCount").equals("0 in today"));
    }

    @Test
    void aScannerThatSendsNoEnterIsCaughtByTiming(FxRobot robot) {
        // a HID scanner's burst: every key within a millisecond or two, and no Enter after it (the robot types too
        // slowly
        // between keys to pass for a scanner, so the key events go straight into the scene)
        String code = people.get(0).ticketCode();
        onFx(() -> {
            javafx.scene.Node field = robot.lookup("#scanField").query();
            for (char c : code.toCharArray()) {
                javafx.event.Event.fireEvent(field, new javafx.scene.input.KeyEvent(
                        javafx.scene.input.KeyEvent.KEY_TYPED,
                        String.valueOf(c), "", KeyCode.UNDEFINED, false, false, false, false));
            }
            return null;
        });

        await().atMost(WAIT).until(() -> panelIs(robot, "result-admitted"));
        assertThat(text(robot, "#resultName")).isEqualTo("홍길동");
    }

    /** A scanner stuck on a key grew the field, and the search run on every key with it, without an end. */
    @Test
    void aScannerStuckOnAKeyFillsTheFieldOnlyToItsBound(FxRobot robot) {
        javafx.scene.control.TextField field = robot.lookup("#scanField").queryAs(javafx.scene.control.TextField.class);

        String text = onFx(() -> {
            for (int i = 0; i < 1_000; i++) {
                field.appendText("7");
            }
            return field.getText();
        });

        assertThat(text).hasSize(dev.lanyard.kiosk.ui.scan.ScanField.MAX_CHARS);
    }

    @Test
    void aScannerThatEndsWithTabWorksAndTheFieldKeepsTheFocus(FxRobot robot) {
        robot.write(people.get(1).ticketCode()).type(KeyCode.TAB);

        await().atMost(WAIT).until(() -> panelIs(robot, "result-admitted"));
        assertThat(onFx(() -> stage.getScene().getFocusOwner().getId())).isEqualTo("scanField");
    }

    @Test
    void searchThenArrowKeysOpenTheDetailWhereCtrlEnterChecksIn(FxRobot robot) {
        robot.write("Olivia", 40);
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#results").queryListView().getItems().size()) > 0);

        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> onFx(() -> fx.shell.current() instanceof DetailView));
        await().atMost(WAIT).until(() -> text(robot, "#status").startsWith("Not checked in"));

        robot.press(KeyCode.CONTROL).press(KeyCode.ENTER).release(KeyCode.ENTER).release(KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> text(robot, "#status").startsWith("Checked in at"));

        robot.type(KeyCode.ESCAPE);
        await().atMost(WAIT).until(() -> onFx(() -> fx.shell.current() instanceof DeskView));
        await().atMost(WAIT).until(() -> panelIs(robot, "result-admitted"));
        assertThat(text(robot, "#resultName")).startsWith("Olivia");
    }

    /**
     * Staff arrowed into the search results, then someone scanned a ticket: the keys went to the list, the scan was
     * lost, and its Enter opened the selected result instead of admitting the ticket's holder.
     */
    @Test
    void aScanWhileTheResultsHaveTheFocusIsAScan(FxRobot robot) {
        robot.write("Olivia", 40);
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#results").queryListView().getItems().size()) > 0);
        robot.type(KeyCode.DOWN);
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#results").query().isFocused()));

        scan(robot, people.get(0).ticketCode());

        await().atMost(WAIT).until(() -> panelIs(robot, "result-admitted"));
        assertThat(onFx(() -> fx.shell.current() instanceof DeskView)).isTrue();
        assertThat(text(robot, "#resultName")).isEqualTo(people.get(0).name());
    }

    @Test
    void aWalkInIsRegisteredWithConsentAndAdmittedByKeyboard(FxRobot robot) {
        openWalkInAndType(robot);

        // without consent nothing is stored
        robot.press(KeyCode.CONTROL).press(KeyCode.ENTER).release(KeyCode.ENTER).release(KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> text(robot, "#error").contains("consent"));
        assertThat(onFx(() -> fx.shell.current() instanceof WalkInView)).isTrue();

        // Tab to the consent box (phone, company, role, diet, consent) and tick it with Space
        robot.type(KeyCode.TAB, 5).type(KeyCode.SPACE);
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#consent")
                .queryAs(javafx.scene.control.CheckBox.class).isSelected()));
        robot.press(KeyCode.CONTROL).press(KeyCode.ENTER).release(KeyCode.ENTER).release(KeyCode.CONTROL);

        await().atMost(WAIT).until(() -> onFx(() -> fx.shell.current() instanceof DeskView));
        await().atMost(WAIT).until(() -> panelIs(robot, "result-admitted"));
        assertThat(text(robot, "#resultName")).isEqualTo("Jamie Walker");
        List<Participant> walkIns = KioskReplica.of(session.kiosk())
                .write(tx -> ParticipantStore.byEmail(tx, session.eventId(), "jamie@example.org"));
        assertThat(walkIns).singleElement().satisfies(p -> assertThat(p.source()).isEqualTo(ParticipantSource.WALK_IN));
    }

    /**
     * The warning that a walk-in's email is already registered was made and never shown: staff re-registered someone
     * already in (past a deny policy) and printed them a second badge without a word. Found by a review.
     */
    @Test
    void aWalkInWithARegisteredEmailIsAdmittedWithTheWarningShown(FxRobot robot) {
        Participant registered = people.stream().filter(p -> p.email() != null).findFirst().orElseThrow();
        robot.type(KeyCode.F2);
        await().atMost(WAIT).until(() -> onFx(() -> fx.shell.current() instanceof WalkInView));
        await().atMost(WAIT).until(() -> onFx(() -> stage.getScene().getFocusOwner() != null
                && "name".equals(stage.getScene().getFocusOwner().getId())));
        robot.write("Walk In Again");
        robot.type(KeyCode.TAB).write(registered.email());
        robot.type(KeyCode.TAB, 5).type(KeyCode.SPACE);
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#consent")
                .queryAs(javafx.scene.control.CheckBox.class).isSelected()));

        robot.press(KeyCode.CONTROL).press(KeyCode.ENTER).release(KeyCode.ENTER).release(KeyCode.CONTROL);

        await().atMost(WAIT).until(() -> onFx(() -> fx.shell.current() instanceof DeskView));
        await().atMost(WAIT).until(() -> text(robot, "#message").contains("Same email as " + registered.name()));
    }

    /**
     * The next attendee scanned while staff typed a walk-in's name: the scanner's code and Tab landed in the name field
     * (and the walk-in was registered under "Jamie WalkerLNY..."). It is taken out and said; nothing is checked in.
     */
    @Test
    void aTicketScannedIntoTheWalkInFormIsTakenOutAndSaid(FxRobot robot) {
        robot.type(KeyCode.F2);
        await().atMost(WAIT).until(() -> onFx(() -> fx.shell.current() instanceof WalkInView));
        await().atMost(WAIT).until(() -> onFx(() -> stage.getScene().getFocusOwner() != null
                && "name".equals(stage.getScene().getFocusOwner().getId())));
        robot.write("Jamie Walker");
        String code = people.get(0).ticketCode();

        onFx(() -> {
            javafx.scene.Node name = robot.lookup("#name").query();
            for (char c : code.toCharArray()) {
                javafx.event.Event.fireEvent(name, new javafx.scene.input.KeyEvent(
                        javafx.scene.input.KeyEvent.KEY_TYPED, String.valueOf(c), "", KeyCode.UNDEFINED,
                        false, false, false, false));
            }
            javafx.event.Event.fireEvent(name, new javafx.scene.input.KeyEvent(
                    javafx.scene.input.KeyEvent.KEY_PRESSED, "", "", KeyCode.TAB, false, false, false, false));
            return null;
        });

        assertThat(onFx(() -> robot.lookup("#name").queryAs(javafx.scene.control.TextField.class).getText()))
                .isEqualTo("Jamie Walker");
        assertThat(text(robot, "#error")).contains("scanned into this form").contains("not checked in");
        assertThat(onFx(() -> stage.getScene().getFocusOwner().getId())).as("the scanner's Tab was swallowed")
                .isEqualTo("name");
        assertThat(session.kiosk().checkedInCount(session.eventId(), Seed.DAY1)).isZero();
    }

    /** F2, then Jamie Walker's name and e-mail typed into the walk-in form. */
    private void openWalkInAndType(FxRobot robot) {
        robot.type(KeyCode.F2);
        await().atMost(WAIT).until(() -> onFx(() -> fx.shell.current() instanceof WalkInView));
        await().atMost(WAIT).until(() -> onFx(() -> stage.getScene().getFocusOwner() != null
                && "name".equals(stage.getScene().getFocusOwner().getId())));
        robot.write("Jamie Walker");
        robot.type(KeyCode.TAB).write("jamie@example.org");
    }

    /**
     * Staff sent a walk-in (the door busy), then opened self-service: when the walk-in finished, its screen took the
     * door back to the staff desk, past the PIN, with an attendee in front of it.
     */
    @Test
    void aWalkInFinishingAfterSelfServiceOpenedLeavesSelfServiceShown(FxRobot robot) throws Exception {
        openWalkInAndType(robot);
        robot.type(KeyCode.TAB, 5).type(KeyCode.SPACE);
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#consent")
                .queryAs(javafx.scene.control.CheckBox.class).isSelected()));
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        Thread sync = new Thread(() -> KioskReplica.of(session.kiosk()).write(tx -> {
            held.countDown();
            try {
                release.await(); // the door busy with the sync
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        sync.start();
        try {
            held.await();
            robot.press(KeyCode.CONTROL).press(KeyCode.ENTER).release(KeyCode.ENTER).release(KeyCode.CONTROL);
            robot.type(KeyCode.F9);
            await().atMost(WAIT).until(() -> onFx(() -> fx.shell.current() instanceof SelfServiceView));
        } finally {
            release.countDown();
        }

        await().atMost(WAIT).until(() -> !KioskReplica.of(session.kiosk())
                .write(tx -> ParticipantStore.byEmail(tx, session.eventId(), "jamie@example.org")).isEmpty());
        Thread.sleep(500);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> fx.shell.current() instanceof SelfServiceView)).isTrue();
    }

    /**
     * Staff asked to leave self-service and walked away: the PIN field stayed, and each attendee's scan into it counted
     * as a wrong PIN until staff were locked out of their own door.
     */
    @Test
    void thePinPromptLeftAloneGoesBackToScanning(FxRobot robot) {
        robot.type(KeyCode.F9);
        await().atMost(WAIT).until(() -> onFx(() -> fx.shell.current() instanceof SelfServiceView));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Q).release(KeyCode.Q, KeyCode.SHIFT, KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> onFx(() -> stage.getScene().getFocusOwner() != null
                && "pinField".equals(stage.getScene().getFocusOwner().getId())));

        await().atMost(SelfServiceView.LEFT_ALONE.toSeconds() + 10, java.util.concurrent.TimeUnit.SECONDS)
                .until(() -> onFx(() -> stage.getScene().getFocusOwner() != null
                        && stage.getScene().getFocusOwner().getStyleClass().contains("self-input")
                        && !"pinField".equals(stage.getScene().getFocusOwner().getId())));
        robot.write(people.get(0).ticketCode()).type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> text(robot, "#headline").equals("Welcome, 홍길동!"));
    }

    @Test
    void leavingSelfServiceNeedsTheStaffPin(FxRobot robot) {
        robot.type(KeyCode.F9);
        await().atMost(WAIT).until(() -> onFx(() -> fx.shell.current() instanceof SelfServiceView));
        assertThat(onFx(stage::isFullScreen)).isTrue();
        await().atMost(WAIT).until(() -> onFx(() -> stage.getScene().getFocusOwner() != null
                && stage.getScene().getFocusOwner().getStyleClass().contains("self-input")));

        // an attendee scans their own ticket and sees only their own name
        robot.write(people.get(0).ticketCode()).type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> text(robot, "#headline").equals("Welcome, 홍길동!"));

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Q).release(KeyCode.Q, KeyCode.SHIFT, KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> text(robot, "#headline").startsWith("Staff PIN"));
        await().atMost(WAIT).until(() -> onFx(() -> stage.getScene().getFocusOwner() != null
                && "pinField".equals(stage.getScene().getFocusOwner().getId())));
        robot.write("1234").type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> text(robot, "#exitError").equals("Wrong PIN."));
        assertThat(onFx(() -> fx.shell.current() instanceof SelfServiceView)).isTrue();
        assertThat(onFx(stage::isFullScreen)).isTrue();

        // the staff keys do nothing in self-service
        robot.press(KeyCode.CONTROL).press(KeyCode.DIGIT4).release(KeyCode.DIGIT4).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> fx.shell.current() instanceof SelfServiceView)).isTrue();

        robot.write(Seed.SECRET, 0).type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> onFx(() -> fx.shell.current() instanceof DeskView));
        assertThat(onFx(stage::isFullScreen)).isFalse();
    }
}
