package dev.lanyard.kiosk.ui.walkin;

import dev.lanyard.kiosk.ui.Navigation;
import dev.lanyard.kiosk.ui.Screen;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.ViewLoader;
import dev.lanyard.kiosk.ui.scan.ScanGuard;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.GridPane;

/** Walk-in form: Tab through the fields, Space ticks a box, Ctrl+Enter registers, Esc goes back. */
public final class WalkInView implements Screen {
    /** On the UI thread only: whether this screen is the one shown. */
    private boolean onScreen;
    private final WalkInViewModel vm;
    private final Navigation navigation;
    private final Parent root;
    @FXML private GridPane form;
    @FXML private TextField name;
    @FXML private TextField email;
    @FXML private TextField phone;
    @FXML private TextField company;
    @FXML private Label consentText;
    @FXML private CheckBox consent;
    @FXML private CheckBox admitNow;
    @FXML private CheckBox printBadge;
    @FXML private Button registerButton;
    @FXML private Label error;

    public WalkInView(WalkInViewModel vm, Navigation navigation, Texts texts) {
        this.vm = vm;
        this.navigation = navigation;
        this.root = ViewLoader.load(this, texts);
    }

    @FXML
    private void initialize() {
        name.textProperty().bindBidirectional(vm.nameProperty());
        email.textProperty().bindBidirectional(vm.emailProperty());
        phone.textProperty().bindBidirectional(vm.phoneProperty());
        company.textProperty().bindBidirectional(vm.companyProperty());
        ScanGuard.attach(vm::scannedIntoForm, name, email, phone, company);
        int row = 4;
        for (WalkInViewModel.Answer a : vm.answers()) {
            Label label = new Label(a.field().label() + (a.field().required() ? " *" : ""));
            Control input = switch (a.field().type()) {
                case "choice" -> {
                    ComboBox<String> box = new ComboBox<>();
                    box.getItems().setAll(a.field().options());
                    box.valueProperty().addListener((o, old, v) -> a.value().set(v == null ? "" : v));
                    yield box;
                }
                case "checkbox" -> {
                    CheckBox box = new CheckBox();
                    box.selectedProperty().addListener((o, old, v) -> a.value().set(v ? "true" : "false"));
                    yield box;
                }
                default -> {
                    TextField field = new TextField();
                    field.textProperty().bindBidirectional(a.value());
                    ScanGuard.attach(vm::scannedIntoForm, field);
                    yield field;
                }
            };
            input.setId("answer-" + a.field().id());
            form.add(label, 0, row);
            form.add(input, 1, row);
            row++;
        }
        consentText.setText(vm.consentText());
        consent.selectedProperty().bindBidirectional(vm.consentProperty());
        admitNow.selectedProperty().bindBidirectional(vm.admitNowProperty());
        printBadge.selectedProperty().bindBidirectional(vm.printBadgeProperty());
        registerButton.disableProperty().bind(vm.busyProperty());
        error.textProperty().bind(vm.errorProperty());
    }

    @FXML
    private void register() {
        if (vm.busyProperty().get()) {
            return; // a second Ctrl+Enter while the first registers would register the person twice
        }
        vm.register().thenAccept(result -> {
            // staff may have gone on meanwhile (to self-service, whose exit needs the PIN): only this screen leaves
            if (result != null && onScreen) {
                // someone with this email is already registered: staff see it beside the admission
                navigation.desk(result.admission(), vm.sameEmailWarning(result));
            }
        });
    }

    @FXML
    private void cancel() {
        navigation.desk();
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void shown() {
        onScreen = true;
        Platform.runLater(name::requestFocus);
    }

    @Override
    public void hidden() {
        onScreen = false;
    }

    @Override
    public Map<KeyCombination, Runnable> shortcuts() {
        Map<KeyCombination, Runnable> keys = new LinkedHashMap<>();
        keys.put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), this::register);
        keys.put(new KeyCodeCombination(KeyCode.ESCAPE), this::cancel);
        return keys;
    }
}
