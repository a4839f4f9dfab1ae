package dev.lanyard.kiosk.ui.unlock;

import dev.lanyard.kiosk.ui.Screen;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.ViewLoader;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;

/** Staff unlock: PIN or password, Enter. Works with the network down. */
public final class UnlockView implements Screen {
    private final UnlockViewModel vm;
    private final Consumer<UnlockViewModel.Unlocked> done;
    private final Parent root;
    @FXML private PasswordField pin;
    @FXML private TextField operator;
    @FXML private Button unlockButton;
    @FXML private Label error;

    public UnlockView(UnlockViewModel vm, Texts texts, Consumer<UnlockViewModel.Unlocked> done) {
        this.vm = vm;
        this.done = done;
        this.root = ViewLoader.load(this, texts);
    }

    @FXML
    private void initialize() {
        pin.textProperty().bindBidirectional(vm.pinProperty());
        operator.textProperty().bindBidirectional(vm.operatorProperty());
        unlockButton.disableProperty().bind(vm.busyProperty());
        error.textProperty().bind(vm.errorProperty());
    }

    @FXML
    public void unlock() {
        opened(vm.unlock());
    }

    /** Unlocks with the secret given at launch (see {@link UnlockViewModel#unlockGiven}). */
    public void unlockGiven(char[] secret) {
        opened(vm.unlockGiven(secret));
    }

    private void opened(java.util.concurrent.CompletableFuture<UnlockViewModel.Unlocked> unlocking) {
        unlocking.thenAccept(unlocked -> {
            if (unlocked != null) {
                done.accept(unlocked);
            } else {
                pin.requestFocus();
            }
        });
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void shown() {
        Platform.runLater(pin::requestFocus);
    }
}
