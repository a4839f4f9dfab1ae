package dev.lanyard.kiosk.ui.dashboard;

import dev.lanyard.kiosk.core.report.CheckInReport;
import dev.lanyard.kiosk.ui.Screen;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.ViewLoader;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/** Dashboard: F5 refresh, F6 export CSV, Enter on a dead letter requeues it. */
public final class DashboardView implements Screen {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private final DashboardViewModel vm;
    private final Texts texts;
    private final Parent root;
    @FXML private Label registered;
    @FXML private ListView<DashboardViewModel.DayRow> days;
    @FXML private ListView<DashboardViewModel.DuplicateRow> duplicates;
    @FXML private ListView<CheckInReport.RefusedItem> deadLetters;
    @FXML private Label chartTitle;
    @FXML private BarChart<String, Number> chart;
    @FXML private TextField exportPath;
    @FXML private Label message;

    public DashboardView(DashboardViewModel vm, Texts texts) {
        this.vm = vm;
        this.texts = texts;
        this.root = ViewLoader.load(this, texts);
    }

    @FXML
    private void initialize() {
        registered.textProperty().bind(vm.registeredProperty().asString(texts.get("desk.registered.format")));
        days.setItems(vm.days());
        days.setCellFactory(l -> cell(r -> texts.get("dashboard.dayRow", r.day(), r.checkedIn(), r.duplicates())));
        duplicates.setItems(vm.duplicates());
        duplicates.setCellFactory(l -> cell(r -> r.day() + "  " + r.name()));
        duplicates.setPlaceholder(new Label(texts.get("dashboard.none")));
        deadLetters.setItems(vm.deadLetters());
        deadLetters.setCellFactory(l -> cell(d -> d.kind() + " · " + d.reason()));
        deadLetters.setPlaceholder(new Label(texts.get("dashboard.none")));
        deadLetters.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                vm.requeue(deadLetters.getSelectionModel().getSelectedItem());
            }
        });
        chartTitle.setText(texts.get("dashboard.arrivals"));
        chart.getXAxis().setLabel(texts.get("dashboard.arrivals.x"));
        chart.getYAxis().setLabel(texts.get("dashboard.arrivals.y"));
        vm.arrivals().addListener((ListChangeListener<DashboardViewModel.Bucket>) c -> redraw());
        exportPath.textProperty().bindBidirectional(vm.exportPathProperty());
        message.textProperty().bind(vm.messageProperty());
    }

    private void redraw() {
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        for (DashboardViewModel.Bucket b : vm.arrivals()) {
            series.getData().add(new XYChart.Data<>(HH_MM.format(b.start()), b.arrivals()));
        }
        chart.getData().setAll(java.util.List.of(series));
    }

    private static <T> ListCell<T> cell(java.util.function.Function<T, String> text) {
        return new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        };
    }

    @FXML
    private void export() {
        vm.export();
    }

    @FXML
    private void refresh() {
        vm.load();
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void shown() {
        vm.load();
        Platform.runLater(days::requestFocus);
    }

    @Override
    public Map<KeyCombination, Runnable> shortcuts() {
        Map<KeyCombination, Runnable> keys = new LinkedHashMap<>();
        keys.put(new KeyCodeCombination(KeyCode.F5), this::refresh);
        keys.put(new KeyCodeCombination(KeyCode.F6), this::export);
        return keys;
    }
}
