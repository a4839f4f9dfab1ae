package dev.lanyard.kiosk.ui.settings;

import dev.lanyard.kiosk.ui.Screen;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiLanguage;
import dev.lanyard.kiosk.ui.ViewLoader;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** Settings: Tab between fields, Space toggles, Ctrl+S saves. */
public final class SettingsView implements Screen {
    private final SettingsViewModel vm;
    private final Runnable languageChanged;
    private final Parent root;
    @FXML private ComboBox<UiLanguage> language;
    @FXML private CheckBox autoPrint;
    @FXML private CheckBox sounds;
    @FXML private Label message;

    public SettingsView(SettingsViewModel vm, Texts texts, Runnable languageChanged) {
        this.vm = vm;
        this.languageChanged = languageChanged;
        this.root = ViewLoader.load(this, texts);
    }

    @FXML
    private void initialize() {
        language.getItems().setAll(vm.languages());
        language.valueProperty().bindBidirectional(vm.languageProperty());
        autoPrint.selectedProperty().bindBidirectional(vm.autoPrintProperty());
        sounds.selectedProperty().bindBidirectional(vm.soundsProperty());
        message.textProperty().bind(vm.messageProperty());
    }

    @FXML
    private void save() {
        if (vm.save()) {
            languageChanged.run();
        }
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void shown() {
        Platform.runLater(language::requestFocus);
    }

    @Override
    public Map<KeyCombination, Runnable> shortcuts() {
        Map<KeyCombination, Runnable> keys = new LinkedHashMap<>();
        keys.put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), this::save);
        return keys;
    }
}
