package dev.lanyard.kiosk.ui.firstrun;

import dev.lanyard.kiosk.ui.Screen;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.ViewLoader;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;

/** First run: staff PIN and pairing. The scanner can read the pairing QR straight into the server field. */
public final class FirstRunView implements Screen {
    private final FirstRunViewModel vm;
    private final Consumer<FirstRunViewModel.Paired> done;
    private final Parent root;
    @FXML private Label pinLabel;
    @FXML private PasswordField pin;
    @FXML private Label pinAgainLabel;
    @FXML private PasswordField pinAgain;
    @FXML private Label pinRule;
    @FXML private TextField server;
    @FXML private TextField code;
    @FXML private TextField deviceName;
    @FXML private Button pairButton;
    @FXML private Label progress;
    @FXML private Label error;

    public FirstRunView(FirstRunViewModel vm, Texts texts, Consumer<FirstRunViewModel.Paired> done) {
        this.vm = vm;
        this.done = done;
        this.root = ViewLoader.load(this, texts);
    }

    @FXML
    private void initialize() {
        pin.textProperty().bindBidirectional(vm.pinProperty());
        pinAgain.textProperty().bindBidirectional(vm.pinAgainProperty());
        server.textProperty().bindBidirectional(vm.serverProperty());
        code.textProperty().bindBidirectional(vm.codeProperty());
        deviceName.textProperty().bindBidirectional(vm.deviceNameProperty());
        for (Node n : new Node[] {pinLabel, pin, pinAgainLabel, pinAgain, pinRule}) {
            n.visibleProperty().bind(vm.needsPinProperty());
            n.managedProperty().bind(vm.needsPinProperty());
        }
        pairButton.disableProperty().bind(vm.busyProperty());
        progress.textProperty().bind(vm.progressProperty());
        error.textProperty().bind(vm.errorProperty());
        // a pairing QR read by the scanner arrives as JSON in the server field: the code is inside it
        code.disableProperty().bind(vm.serverProperty().map(s -> s.strip().startsWith("{")));
    }

    @FXML
    public void pair() {
        vm.pair().thenAccept(paired -> {
            if (paired != null) {
                done.accept(paired);
            }
        });
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void shown() {
        Platform.runLater(() -> (vm.needsPinProperty().get() ? pin : server).requestFocus());
    }

    @Override
    public boolean staffChrome() {
        return true;
    }
}
