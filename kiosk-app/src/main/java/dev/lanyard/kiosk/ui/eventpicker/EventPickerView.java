package dev.lanyard.kiosk.ui.eventpicker;

import dev.lanyard.kiosk.ui.Screen;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.ViewLoader;
import dev.lanyard.model.Event;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/** Event and day: arrow keys pick, Tab moves between the lists, Enter starts the desk. */
public final class EventPickerView implements Screen {
    private final EventPickerViewModel vm;
    private final Texts texts;
    private final Runnable done;
    private final Parent root;
    @FXML private ListView<Event> events;
    @FXML private ListView<LocalDate> days;
    @FXML private Label error;

    public EventPickerView(EventPickerViewModel vm, Texts texts, Runnable done) {
        this.vm = vm;
        this.texts = texts;
        this.done = done;
        this.root = ViewLoader.load(this, texts);
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                start();
            }
        });
    }

    @FXML
    private void initialize() {
        vm.load();
        events.setItems(vm.events());
        days.setItems(vm.days());
        events.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Event e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? null : e.name() + "  (" + e.startDate() + " – " + e.endDate() + ")");
            }
        });
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(texts.locale());
        days.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(LocalDate d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : format.format(d));
            }
        });
        events.getSelectionModel().select(vm.eventProperty().get());
        days.getSelectionModel().select(vm.dayProperty().get());
        events.getSelectionModel().selectedItemProperty().addListener((o, old, e) -> {
            if (e != null) {
                vm.eventProperty().set(e);
                days.getSelectionModel().select(vm.dayProperty().get());
            }
        });
        days.getSelectionModel().selectedItemProperty().addListener((o, old, d) -> {
            if (d != null) {
                vm.dayProperty().set(d);
            }
        });
        error.textProperty().bind(vm.errorProperty());
    }

    @FXML
    private void start() {
        if (vm.choose()) {
            done.run();
        }
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void shown() {
        Platform.runLater(days::requestFocus);
    }
}
