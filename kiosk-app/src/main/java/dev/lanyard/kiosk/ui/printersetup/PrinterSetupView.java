package dev.lanyard.kiosk.ui.printersetup;

import dev.lanyard.kiosk.ui.Screen;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.ViewLoader;
import dev.lanyard.print.media.Media;
import dev.lanyard.print.model.PrinterModel;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.util.Duration;
import javafx.util.StringConverter;

/**
 * Printer setup. Keys: Ctrl+S save, F6 status, F7 use the loaded roll, Ctrl+T test print, F5 search ports again,
 * Ctrl+B start the batch, Ctrl+Shift+B cancel it, Ctrl+R resume it. Status refreshes every 5 s.
 */
public final class PrinterSetupView implements Screen {
    private final PrinterSetupViewModel vm;
    private final Parent root;
    private final Timeline live = new Timeline(new KeyFrame(Duration.seconds(5), e -> poll()));
    @FXML private ListView<PrinterSetupViewModel.Port> ports;
    @FXML private TextField target;
    @FXML private ComboBox<PrinterModel> model;
    @FXML private ComboBox<Media> media;
    @FXML private TextField secondTarget;
    @FXML private ComboBox<PrinterModel> secondModel;
    @FXML private ComboBox<Media> secondMedia;
    @FXML private CheckBox alternate;
    @FXML private Label status;
    @FXML private Label loadedRoll;
    @FXML private Button useLoadedRoll;
    @FXML private Label message;
    @FXML private HBox printerStrip;
    @FXML private Label printerStatus;
    @FXML private Label printerFix;
    @FXML private ProgressBar batchBar;
    @FXML private Label batchText;
    @FXML private ImageView preview;

    public PrinterSetupView(PrinterSetupViewModel vm, Texts texts) {
        this.vm = vm;
        this.root = ViewLoader.load(this, texts);
        live.setCycleCount(Timeline.INDEFINITE);
    }

    @FXML
    private void initialize() {
        ports.setItems(vm.ports());
        ports.setPlaceholder(new Label("—"));
        ports.getSelectionModel().selectedItemProperty().addListener((o, old, p) -> vm.usePort(p));
        ports.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                vm.usePort(ports.getSelectionModel().getSelectedItem());
                target.requestFocus();
            }
        });
        target.textProperty().bindBidirectional(vm.targetProperty());
        model.setItems(vm.models());
        model.setConverter(new StringConverter<>() {
            @Override
            public String toString(PrinterModel m) {
                return m == null ? "" : m.displayName();
            }

            @Override
            public PrinterModel fromString(String s) {
                return PrinterModel.byName(s);
            }
        });
        model.valueProperty().bindBidirectional(vm.modelProperty());
        media.setItems(vm.media());
        media.setConverter(new StringConverter<>() {
            @Override
            public String toString(Media m) {
                return m == null ? "" : m.id() + "  —  " + m.description();
            }

            @Override
            public Media fromString(String s) {
                return null;
            }
        });
        media.valueProperty().bindBidirectional(vm.rollProperty());
        secondTarget.textProperty().bindBidirectional(vm.secondTargetProperty());
        secondModel.setItems(vm.models());
        secondModel.setConverter(model.getConverter());
        secondModel.valueProperty().bindBidirectional(vm.secondModelProperty());
        secondMedia.setItems(vm.secondMedia());
        secondMedia.setConverter(media.getConverter());
        secondMedia.valueProperty().bindBidirectional(vm.secondRollProperty());
        alternate.selectedProperty().bindBidirectional(vm.alternateProperty());
        status.textProperty().bind(vm.statusProperty());
        loadedRoll.textProperty().bind(vm.loadedRollProperty());
        useLoadedRoll.visibleProperty().bind(vm.canUseLoadedRollProperty());
        useLoadedRoll.managedProperty().bind(vm.canUseLoadedRollProperty());
        vm.statusOkProperty().addListener((o, was, ok) -> status.getStyleClass()
                .setAll("printer-live", ok ? "status-in" : "status-problem"));
        message.textProperty().bind(vm.messageProperty());
        printerStatus.textProperty().bind(vm.printFeedback().statusProperty());
        printerFix.textProperty().bind(vm.printFeedback().fixProperty());
        vm.printFeedback().problemProperty().addListener((o, was, on) -> {
            printerStrip.getStyleClass().remove("problem");
            if (on) {
                printerStrip.getStyleClass().add("problem");
            }
        });
        batchBar.progressProperty().bind(vm.batchFractionProperty());
        batchText.textProperty().bind(vm.batchTextProperty());
        vm.previewProperty().addListener((o, old, png) -> showPreview(png));
        showPreview(vm.previewProperty().get());
    }

    private void showPreview(byte[] png) {
        preview.setImage(png == null ? null : new Image(new ByteArrayInputStream(png)));
    }

    private void poll() {
        if (!vm.targetProperty().get().isBlank()) {
            vm.checkStatus();
        }
        vm.refreshBatch();
    }

    @FXML
    private void save() {
        vm.save();
    }

    @FXML
    private void useLoadedRoll() {
        vm.useLoadedRoll();
    }

    @FXML
    private void checkStatus() {
        vm.checkStatus();
    }

    @FXML
    private void testPrint() {
        vm.testPrint();
    }

    @FXML
    private void discover() {
        vm.discover();
    }

    @FXML
    private void startBatch() {
        vm.startBatch();
    }

    @FXML
    private void cancelBatch() {
        vm.cancelBatch();
    }

    @FXML
    private void resumeBatch() {
        vm.resumeBatch();
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void shown() {
        vm.printFeedback().start();
        vm.discover();
        vm.refreshBatch();
        poll();
        live.play();
        Platform.runLater(target::requestFocus);
    }

    @Override
    public void hidden() {
        live.stop();
        vm.printFeedback().stop();
    }

    @Override
    public Map<KeyCombination, Runnable> shortcuts() {
        Map<KeyCombination, Runnable> keys = new LinkedHashMap<>();
        keys.put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), this::save);
        keys.put(new KeyCodeCombination(KeyCode.F6), this::checkStatus);
        keys.put(new KeyCodeCombination(KeyCode.F7), this::useLoadedRoll);
        keys.put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN), this::testPrint);
        keys.put(new KeyCodeCombination(KeyCode.F5), this::discover);
        keys.put(new KeyCodeCombination(KeyCode.B, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                this::cancelBatch);
        keys.put(new KeyCodeCombination(KeyCode.B, KeyCombination.SHORTCUT_DOWN), this::startBatch);
        keys.put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), this::resumeBatch);
        return keys;
    }
}
