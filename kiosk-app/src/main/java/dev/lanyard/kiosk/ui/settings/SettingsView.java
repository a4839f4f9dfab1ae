package dev.lanyard.kiosk.ui.settings;

import dev.lanyard.kiosk.ui.Screen;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiLanguage;
import dev.lanyard.kiosk.ui.ViewLoader;
import dev.lanyard.kiosk.ui.scan.ScanField;
import com.google.zxing.common.BitMatrix;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
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
    @FXML private Label scannerStatus;
    @FXML private Button calibrate;
    @FXML private VBox calibration;
    @FXML private Label calibrationMessage;
    @FXML private Canvas sample;
    @FXML private Label scannerInputLabel;
    @FXML private TextField scannerInput;
    private final ScannerCalibrationViewModel scanner;

    public SettingsView(SettingsViewModel vm, ScannerCalibrationViewModel scanner, Texts texts,
            Runnable languageChanged) {
        this.vm = vm;
        this.scanner = scanner;
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
        scannerStatus.textProperty().bind(scanner.statusProperty());
        calibrationMessage.textProperty().bind(scanner.messageProperty());
        calibration.visibleProperty().bind(scanner.calibratingProperty());
        calibration.managedProperty().bind(scanner.calibratingProperty());
        scannerInputLabel.setLabelFor(scannerInput);
        ScanField.attachWithEnding(scannerInput, scanner::scanned);
        drawSample(scanner.sample());
    }

    @FXML
    private void calibrate() {
        scanner.start();
        Platform.runLater(scannerInput::requestFocus);
    }

    @FXML
    private void cancelCalibration() {
        scanner.cancel();
        Platform.runLater(calibrate::requestFocus);
    }

    private void drawSample(BitMatrix matrix) {
        GraphicsContext g = sample.getGraphicsContext2D();
        double module = Math.floor(Math.min(sample.getWidth(), sample.getHeight()) / matrix.getWidth());
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, sample.getWidth(), sample.getHeight());
        g.setFill(Color.BLACK);
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y)) {
                    g.fillRect(x * module, y * module, module, module);
                }
            }
        }
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
