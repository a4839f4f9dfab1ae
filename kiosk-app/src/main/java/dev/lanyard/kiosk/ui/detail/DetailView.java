package dev.lanyard.kiosk.ui.detail;

import dev.lanyard.kiosk.ui.Navigation;
import dev.lanyard.kiosk.ui.Screen;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.ViewLoader;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import dev.lanyard.kiosk.ui.scan.ScanGuard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;

/** Participant detail: Ctrl+Enter check in, F8 undo, F5 reprint, Ctrl+S save, Esc back to the desk. */
public final class DetailView implements Screen {
    private final DetailViewModel vm;
    private final Navigation navigation;
    private final Parent root;
    @FXML private Label status;
    @FXML private TextField name;
    @FXML private TextField email;
    @FXML private TextField phone;
    @FXML private TextField company;
    @FXML private Label ticket;
    @FXML private Label badges;
    @FXML private Button checkInButton;
    @FXML private Button undoButton;
    @FXML private Label message;
    @FXML private HBox printerStrip;
    @FXML private Label printerStatus;
    @FXML private Label printerFix;

    public DetailView(DetailViewModel vm, Navigation navigation, Texts texts) {
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
        ticket.textProperty().bind(vm.ticketProperty());
        status.textProperty().bind(vm.statusProperty());
        badges.textProperty().bind(vm.badgesProperty());
        message.textProperty().bind(vm.messageProperty());
        checkInButton.disableProperty().bind(vm.checkedInProperty());
        undoButton.disableProperty().bind(vm.checkedInProperty().not());
        vm.checkedInProperty().addListener((o, was, in) -> status.getStyleClass()
                .setAll("detail-status", in ? "status-in" : "status-out"));
        printerStatus.textProperty().bind(vm.printFeedback().statusProperty());
        printerFix.textProperty().bind(vm.printFeedback().fixProperty());
        vm.printFeedback().problemProperty().addListener((o, was, on) -> {
            printerStrip.getStyleClass().remove("problem");
            if (on) {
                printerStrip.getStyleClass().add("problem");
            }
        });
    }

    @FXML
    private void checkIn() {
        vm.checkIn();
    }

    @FXML
    private void undo() {
        vm.undo();
    }

    @FXML
    private void reprint() {
        vm.reprint();
    }

    @FXML
    private void save() {
        vm.save();
    }

    @FXML
    private void back() {
        if (vm.lastResult() != null) {
            navigation.desk(vm.lastResult());
        } else {
            navigation.desk();
        }
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void shown() {
        vm.printFeedback().start();
        vm.load();
        Platform.runLater(name::requestFocus);
    }

    @Override
    public void hidden() {
        vm.printFeedback().stop();
    }

    @Override
    public Map<KeyCombination, Runnable> shortcuts() {
        Map<KeyCombination, Runnable> keys = new LinkedHashMap<>();
        keys.put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), this::checkIn);
        keys.put(new KeyCodeCombination(KeyCode.F8), this::undo);
        keys.put(new KeyCodeCombination(KeyCode.F5), this::reprint);
        keys.put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), this::save);
        keys.put(new KeyCodeCombination(KeyCode.ESCAPE), this::back);
        return keys;
    }
}
