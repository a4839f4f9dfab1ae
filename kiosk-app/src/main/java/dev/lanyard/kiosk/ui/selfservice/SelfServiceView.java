package dev.lanyard.kiosk.ui.selfservice;

import dev.lanyard.kiosk.ui.Screen;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.ViewLoader;
import dev.lanyard.kiosk.ui.desk.ResultKind;
import dev.lanyard.kiosk.ui.scan.ScanField;
import dev.lanyard.kiosk.ui.selfservice.SelfServiceViewModel.Mode;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Fullscreen self-service. The scan field keeps the focus; F3 (or the button) asks for an
 * email instead; the welcome stays a few seconds and the screen resets. Ctrl+Shift+Q (or the
 * small Staff button) asks for the staff PIN to leave.
 */
public final class SelfServiceView implements Screen {
    static final Duration RESULT_SHOWN = Duration.seconds(6);
    private final SelfServiceViewModel vm;
    private final Runnable leave;
    private final Texts texts;
    private final Parent root;
    private final PauseTransition resetLater = new PauseTransition(RESULT_SHOWN);
    /**
     * How long the e-mail or PIN prompt waits for a key: an attendee who walked away from the e-mail lookup, or staff
     * who asked to leave and did not, must not leave the next attendee's scans going into it (as wrong PINs, they lock
     * staff out).
     */
    public static final java.time.Duration LEFT_ALONE = java.time.Duration.ofSeconds(20);
    private final PauseTransition leftAlone = new PauseTransition(Duration.millis(LEFT_ALONE.toMillis()));
    private ScanField scanner;
    @FXML private VBox panel;
    @FXML private Label eventName;
    @FXML private Label headline;
    @FXML private Label detail;
    @FXML private TextField scanField;
    @FXML private TextField emailField;
    @FXML private PasswordField pinField;
    @FXML private Label exitError;
    @FXML private Button emailButton;
    @FXML private Button staffButton;

    public SelfServiceView(SelfServiceViewModel vm, Texts texts, Runnable leave) {
        this.vm = vm;
        this.texts = texts;
        this.leave = leave;
        this.root = ViewLoader.load(this, texts);
    }

    @FXML
    private void initialize() {
        headline.textProperty().bind(vm.headlineProperty());
        detail.textProperty().bind(vm.detailProperty());
        exitError.textProperty().bind(vm.exitErrorProperty());
        eventName.setText(texts.get("self.title"));
        scanner = ScanField.attach(scanField, vm::scanned);
        emailField.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                String email = emailField.getText();
                emailField.clear();
                vm.emailEntered(email);
            } else if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                emailField.clear();
                vm.reset();
            }
        });
        pinField.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                String pin = pinField.getText();
                pinField.clear();
                vm.confirmExit(pin).thenAccept(ok -> {
                    if (ok) {
                        leave.run();
                    }
                });
            } else if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                pinField.clear();
                vm.reset();
            }
        });
        resetLater.setOnFinished(e -> vm.reset());
        leftAlone.setOnFinished(e -> {
            emailField.clear();
            pinField.clear();
            vm.reset();
        });
        emailField.addEventFilter(KeyEvent.ANY, e -> leftAlone.playFromStart());
        pinField.addEventFilter(KeyEvent.ANY, e -> leftAlone.playFromStart());
        vm.modeProperty().addListener((o, old, mode) -> modeChanged(mode));
        vm.kindProperty().addListener((o, old, kind) -> colour(kind));
        modeChanged(vm.modeProperty().get());
        colour(vm.kindProperty().get());
    }

    private void modeChanged(Mode mode) {
        show(scanField, mode == Mode.SCAN || mode == Mode.WELCOME || mode == Mode.PROBLEM);
        show(emailField, mode == Mode.EMAIL);
        show(pinField, mode == Mode.EXIT);
        show(exitError, mode == Mode.EXIT);
        show(emailButton, mode == Mode.SCAN);
        if (mode == Mode.WELCOME || mode == Mode.PROBLEM) {
            resetLater.playFromStart();
        } else {
            resetLater.stop();
        }
        if (mode == Mode.EMAIL || mode == Mode.EXIT) {
            leftAlone.playFromStart();
        } else {
            leftAlone.stop();
        }
        Platform.runLater(() -> (mode == Mode.EMAIL ? emailField : mode == Mode.EXIT ? pinField : scanField)
                .requestFocus());
    }

    private void colour(ResultKind kind) {
        for (ResultKind k : ResultKind.values()) {
            panel.getStyleClass().remove(k.styleClass());
        }
        panel.getStyleClass().add(kind.styleClass());
    }

    private static void show(Node node, boolean visible) {
        node.setVisible(visible);
        node.setManaged(visible);
    }

    @FXML
    private void findByEmail() {
        vm.findByEmail();
    }

    @FXML
    private void requestExit() {
        vm.requestExit();
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void shown() {
        Platform.runLater(scanField::requestFocus);
    }

    @Override
    public void hidden() {
        resetLater.stop();
        leftAlone.stop();
        scanner.stop();
    }

    @Override
    public boolean staffChrome() {
        return false;
    }

    @Override
    public Map<KeyCombination, Runnable> shortcuts() {
        Map<KeyCombination, Runnable> keys = new LinkedHashMap<>();
        keys.put(new KeyCodeCombination(KeyCode.F3), this::findByEmail);
        keys.put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                this::requestExit);
        return keys;
    }
}
