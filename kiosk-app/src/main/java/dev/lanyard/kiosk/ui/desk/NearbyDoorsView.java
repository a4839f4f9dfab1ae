package dev.lanyard.kiosk.ui.desk;

import dev.lanyard.kiosk.ui.Texts;
import javafx.collections.ObservableList;
import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;

/**
 * The list behind the sync bar's "3 doors nearby": each door by name and when it was last heard
 * from, shown under the label when it is clicked (ADR 0318). The list is the view model's, so it
 * updates while open.
 */
final class NearbyDoorsView {
    private final Popup popup = new Popup();

    NearbyDoorsView(ObservableList<String> doors, Texts texts) {
        ListView<String> list = new ListView<>(doors);
        list.setPlaceholder(new Label(texts.get("sync.peers.none")));
        list.setPrefSize(360, 180);
        list.setFocusTraversable(false);
        Label title = new Label(texts.get("sync.peers.list"));
        title.getStyleClass().add("nearby-doors-title");
        VBox box = new VBox(6, title, list);
        box.getStyleClass().add("nearby-doors");
        box.setStyle("-fx-background-color: -fx-background; -fx-padding: 8; -fx-border-color: -fx-box-border;");
        popup.getContent().add(box);
        popup.setAutoHide(true);
    }

    /** Opens it under {@code anchor}, or closes it if open. */
    void toggle(Label anchor) {
        if (popup.isShowing()) {
            popup.hide();
            return;
        }
        Bounds at = anchor.localToScreen(anchor.getBoundsInLocal());
        if (at != null) {
            popup.show(anchor, at.getMinX(), at.getMaxY());
        }
    }

    boolean showing() {
        return popup.isShowing();
    }
}
