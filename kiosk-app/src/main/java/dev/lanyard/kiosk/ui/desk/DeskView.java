package dev.lanyard.kiosk.ui.desk;

import dev.lanyard.kiosk.ui.Navigation;
import dev.lanyard.kiosk.ui.Screen;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.ViewLoader;
import dev.lanyard.kiosk.ui.scan.ScanField;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The check-in desk. The scan field keeps the focus (a HID scanner types into whatever has it);
 * only the search results may borrow it while staff pick someone with the arrow keys.
 */
public final class DeskView implements Screen {
    private final DeskViewModel vm;
    private final Navigation navigation;
    private final Texts texts;
    private ScanField scanner;
    private final javafx.animation.Timeline syncRefresh = new javafx.animation.Timeline();
    private final Parent root;
    private final ChangeListener<Node> focusGuard = (obs, old, now) -> keepFocus(now);
    private Scene scene;

    @FXML private HBox syncBar;
    @FXML private Label syncState;
    @FXML private Label syncPeers;
    @FXML private Label syncPending;
    @FXML private Label syncLast;
    @FXML private Label syncDeadLetters;
    @FXML private Label syncAlert;
    @FXML private Label clockWarning;
    @FXML private HBox conflictBanner;
    @FXML private Label conflictText;
    @FXML private TextField scanField;
    @FXML private Label checkedInCount;
    @FXML private Label registeredCount;
    @FXML private VBox resultPanel;
    @FXML private Label headline;
    @FXML private Label resultName;
    @FXML private Label resultCompany;
    @FXML private Label resultDetail;
    @FXML private ListView<SearchRow> results;
    @FXML private Label searchMore;
    @FXML private Label message;
    @FXML private HBox printerStrip;
    @FXML private Label printerStatus;
    @FXML private Label printerFix;

    public DeskView(DeskViewModel vm, Navigation navigation, Texts texts) {
        this.vm = vm;
        this.navigation = navigation;
        this.texts = texts;
        this.root = ViewLoader.load(this, texts);
    }

    @FXML
    private void initialize() {
        SyncBarViewModel sync = vm.syncBar();
        syncState.textProperty().bind(sync.stateTextProperty());
        syncPeers.textProperty().bind(sync.peersTextProperty());
        // takes no room (and no spacing) while the door does not talk to peers
        syncPeers.managedProperty().bind(sync.peersTextProperty().isNotEmpty());
        syncPeers.visibleProperty().bind(sync.peersTextProperty().isNotEmpty());
        NearbyDoorsView nearby = new NearbyDoorsView(sync.nearbyDoors(), texts);
        syncPeers.setOnMouseClicked(e -> nearby.toggle(syncPeers));
        syncPending.textProperty().bind(sync.pendingTextProperty());
        syncLast.textProperty().bind(sync.lastSyncTextProperty());
        syncDeadLetters.textProperty().bind(sync.deadLetterTextProperty());
        syncDeadLetters.visibleProperty().bind(sync.deadLettersProperty().greaterThan(0));
        sync.onlineProperty().addListener((o, was, on) -> toggle(syncBar, "offline", !on));
        toggle(syncBar, "offline", !sync.onlineProperty().get());
        syncAlert.textProperty().bind(sync.alertTextProperty());
        show(syncAlert, sync.alertProperty().get());
        sync.alertProperty().addListener((o, was, on) -> show(syncAlert, on));
        clockWarning.textProperty().bind(sync.clockWarningTextProperty());
        show(clockWarning, sync.clockWarningProperty().get());
        sync.clockWarningProperty().addListener((o, was, on) -> show(clockWarning, on));

        conflictText.textProperty().bind(vm.conflictTextProperty());
        show(conflictBanner, vm.conflictVisibleProperty().get());
        vm.conflictVisibleProperty().addListener((o, was, on) -> show(conflictBanner, on));

        headline.textProperty().bind(vm.headlineProperty());
        resultName.textProperty().bind(vm.resultNameProperty());
        resultCompany.textProperty().bind(vm.resultCompanyProperty());
        resultDetail.textProperty().bind(vm.resultDetailProperty());
        vm.resultKindProperty().addListener((o, old, kind) -> colour(kind));
        colour(vm.resultKindProperty().get());
        message.textProperty().bind(vm.messageProperty());

        checkedInCount.textProperty().bind(vm.checkedInTodayProperty()
                .asString(texts.get("desk.checkedInToday.format")));
        registeredCount.textProperty().bind(vm.registeredProperty().asString(texts.get("desk.registered.format")));

        results.setItems(vm.searchResults());
        results.setCellFactory(list -> new RowCell(texts));
        results.setPlaceholder(new Label(texts.get("desk.search.placeholder")));
        searchMore.textProperty().bind(javafx.beans.binding.Bindings.when(vm.searchMoreProperty())
                .then(texts.get("desk.search.more")).otherwise(""));
        results.addEventFilter(KeyEvent.KEY_PRESSED, this::resultsKey);
        // the list takes no text: a key typed at it (a scanner, most often) starts over in the scan field
        results.addEventFilter(KeyEvent.KEY_TYPED, e -> {
            String typed = e.getCharacter();
            if (!typed.isEmpty() && typed.charAt(0) >= ' ' && !e.isShortcutDown() && !e.isAltDown()) {
                e.consume();
                scanner.startWith(typed);
            }
        });

        printerStatus.textProperty().bind(vm.printFeedback().statusProperty());
        printerFix.textProperty().bind(vm.printFeedback().fixProperty());
        vm.printFeedback().problemProperty().addListener((o, was, on) -> toggle(printerStrip, "problem", on));

        scanner = ScanField.attach(scanField, text -> {
            vm.clearSearch();
            vm.submit(text);
        });
        scanField.addEventFilter(KeyEvent.KEY_PRESSED, this::scanKey);
        scanField.textProperty().addListener((o, old, text) -> vm.search(text));
    }

    private void scanKey(KeyEvent e) {
        switch (e.getCode()) {
            case DOWN -> {
                if (!results.getItems().isEmpty()) {
                    e.consume();
                    results.requestFocus();
                    results.getSelectionModel().selectFirst();
                }
            }
            case ESCAPE -> {
                e.consume();
                scanner.clear();
                vm.clearSearch();
                vm.clearReprint();
            }
            default -> { }
        }
    }

    private void resultsKey(KeyEvent e) {
        SearchRow row = results.getSelectionModel().getSelectedItem();
        if (e.getCode() == KeyCode.ENTER && row != null) {
            e.consume();
            navigation.detail(row.participantId());
        } else if (e.getCode() == KeyCode.ESCAPE || e.getCode() == KeyCode.UP
                && results.getSelectionModel().getSelectedIndex() <= 0) {
            e.consume();
            scanField.requestFocus();
        }
    }

    private void colour(ResultKind kind) {
        for (ResultKind k : ResultKind.values()) {
            resultPanel.getStyleClass().remove(k.styleClass());
        }
        resultPanel.getStyleClass().add(kind.styleClass());
    }

    private static void show(Node node, boolean visible) {
        node.setVisible(visible);
        node.setManaged(visible);
    }

    private static void toggle(Node node, String styleClass, boolean on) {
        node.getStyleClass().remove(styleClass);
        if (on) {
            node.getStyleClass().add(styleClass);
        }
    }

    private void keepFocus(Node owner) {
        if (owner != scanField && owner != results && scene != null) {
            Platform.runLater(() -> {
                if (scene != null && scene.getFocusOwner() != scanField && scene.getFocusOwner() != results) {
                    scanField.requestFocus();
                }
            });
        }
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void shown() {
        vm.start();
        scene = root.getScene();
        if (scene != null) {
            scene.focusOwnerProperty().addListener(focusGuard);
        }
        Platform.runLater(scanField::requestFocus);
        syncRefresh.getKeyFrames().setAll(new javafx.animation.KeyFrame(javafx.util.Duration.seconds(3),
                e -> vm.syncBar().refresh()));
        syncRefresh.setCycleCount(javafx.animation.Animation.INDEFINITE);
        syncRefresh.play();
    }

    @Override
    public void hidden() {
        syncRefresh.stop();
        scanner.stop();
        if (scene != null) {
            scene.focusOwnerProperty().removeListener(focusGuard);
        }
        scene = null;
        vm.stop();
    }

    @Override
    public Map<KeyCombination, Runnable> shortcuts() {
        Map<KeyCombination, Runnable> keys = new LinkedHashMap<>();
        keys.put(new KeyCodeCombination(KeyCode.F2), navigation::walkIn);
        keys.put(new KeyCodeCombination(KeyCode.F4), this::openDetail);
        keys.put(new KeyCodeCombination(KeyCode.F5), () -> vm.reprintLast());
        keys.put(new KeyCodeCombination(KeyCode.F7), () -> vm.acknowledgeConflict());
        keys.put(new KeyCodeCombination(KeyCode.F8), () -> vm.undoLast());
        keys.put(new KeyCodeCombination(KeyCode.F9), navigation::selfService);
        return keys;
    }

    private void openDetail() {
        SearchRow row = results.getSelectionModel().getSelectedItem();
        UUID pid = row != null && results.isFocused() ? row.participantId() : vm.lastParticipantProperty().get();
        if (pid != null) {
            navigation.detail(pid);
        }
    }

    /** Shows what a walk-in registration (or another screen) did. */
    public void showResult(dev.lanyard.kiosk.core.checkin.ScanResult result) {
        vm.showResult(result);
    }

    /** A note for staff from another screen (a walk-in whose email is already registered). */
    public void showNote(String note) {
        vm.showNote(note);
    }

    /** One search result: name, company, and whether they are in today. */
    private static final class RowCell extends ListCell<SearchRow> {
        private final Texts texts;

        RowCell(Texts texts) {
            this.texts = texts;
        }

        @Override
        protected void updateItem(SearchRow row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().removeAll("row-in", "row-cancelled");
            if (empty || row == null) {
                setText(null);
                return;
            }
            String state = !row.admissible() ? texts.get("desk.row.cancelled") : row.checkedIn()
                    ? texts.get("desk.row.in") : "";
            StringBuilder text = new StringBuilder(row.name() == null ? "?" : row.name());
            if (row.company() != null) {
                text.append(" · ").append(row.company());
            }
            if (!state.isEmpty()) {
                text.append("   ").append(state);
            }
            setText(text.toString());
            if (!row.admissible()) {
                getStyleClass().add("row-cancelled");
            } else if (row.checkedIn()) {
                getStyleClass().add("row-in");
            }
        }
    }
}
