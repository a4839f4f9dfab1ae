package dev.lanyard.kiosk.ui.drawing;

import dev.lanyard.kiosk.ui.Screen;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.ViewLoader;
import dev.lanyard.model.DrawingPool;
import java.util.LinkedHashMap;
import java.util.List;
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
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.util.Duration;

/** Prize drawing: Ctrl+D draws (with a short rolling animation), Ctrl+Enter confirms. */
public final class DrawingView implements Screen {
    static final int ROLL_FRAMES = 18;
    private final DrawingViewModel vm;
    private final Texts texts;
    private final Parent root;
    private Timeline roll;
    @FXML private TextField prize;
    @FXML private RadioButton poolCheckedIn;
    @FXML private RadioButton poolAll;
    @FXML private CheckBox excludePrevious;
    @FXML private ComboBox<DrawingViewModel.FilterField> filterField;
    @FXML private TextField filterValue;
    @FXML private Spinner<Integer> winners;
    @FXML private Button drawButton;
    @FXML private Button confirmButton;
    @FXML private Label message;
    @FXML private ListView<String> history;
    @FXML private Label rolling;
    @FXML private ListView<String> result;

    public DrawingView(DrawingViewModel vm, Texts texts) {
        this.vm = vm;
        this.texts = texts;
        this.root = ViewLoader.load(this, texts);
    }

    @FXML
    private void initialize() {
        prize.textProperty().bindBidirectional(vm.prizeProperty());
        ToggleGroup pools = new ToggleGroup();
        poolCheckedIn.setToggleGroup(pools);
        poolAll.setToggleGroup(pools);
        (vm.poolProperty().get() == DrawingPool.ALL ? poolAll : poolCheckedIn).setSelected(true);
        pools.selectedToggleProperty().addListener((o, old, t) -> vm.poolProperty()
                .set(t == poolAll ? DrawingPool.ALL : DrawingPool.CHECKED_IN));
        excludePrevious.selectedProperty().bindBidirectional(vm.excludePreviousProperty());
        filterField.setItems(vm.filterFields());
        filterField.valueProperty().bindBidirectional(vm.filterFieldProperty());
        filterValue.textProperty().bindBidirectional(vm.filterValueProperty());
        filterValue.disableProperty().bind(vm.filterFieldProperty().map(f -> f == null || f.wire() == null));
        winners.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 100, vm.winnersProperty().get()));
        winners.valueProperty().addListener((o, old, v) -> vm.winnersProperty().set(v == null ? 1 : v));
        confirmButton.disableProperty().bind(vm.canConfirmProperty().not());
        message.textProperty().bind(vm.messageProperty());
        history.setItems(vm.history());
        result.setItems(vm.result());
        result.setVisible(false);
        rolling.setText(texts.get("drawing.ready"));
    }

    @FXML
    private void draw() {
        if (drawButton.isDisabled()) {
            return; // the shortcut too waits until the names have rolled and the winners are shown
        }
        drawButton.setDisable(true);
        result.setVisible(false);
        vm.draw().thenAccept(drawing -> {
            if (drawing == null) {
                drawButton.setDisable(false);
                return;
            }
            animate(List.copyOf(vm.rollingNames()));
        });
    }

    /** Rolls names for about 1.5 s, then shows the winners drawn. */
    private void animate(List<String> names) {
        if (roll != null) {
            roll.stop();
        }
        roll = new Timeline();
        for (int i = 0; i < ROLL_FRAMES; i++) {
            String name = names.isEmpty() ? "…" : names.get(i % names.size());
            // frames slow down towards the end, like a wheel
            roll.getKeyFrames().add(new KeyFrame(Duration.millis(40 * i + 2.2 * i * i), e -> rolling.setText(name)));
        }
        roll.setOnFinished(e -> {
            rolling.setText(texts.get("drawing.winnersAre"));
            result.setVisible(true);
            drawButton.setDisable(false);
            confirmButton.requestFocus();
        });
        roll.play();
    }

    @FXML
    private void confirm() {
        vm.confirm();
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void shown() {
        vm.loadHistory();
        Platform.runLater(prize::requestFocus);
    }

    @Override
    public void hidden() {
        if (roll != null) {
            roll.stop();
        }
    }

    @Override
    public Map<KeyCombination, Runnable> shortcuts() {
        Map<KeyCombination, Runnable> keys = new LinkedHashMap<>();
        keys.put(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN), this::draw);
        keys.put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), this::confirm);
        return keys;
    }
}
