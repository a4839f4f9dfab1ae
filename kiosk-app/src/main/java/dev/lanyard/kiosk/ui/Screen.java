package dev.lanyard.kiosk.ui;

import java.util.Map;
import javafx.scene.Parent;
import javafx.scene.input.KeyCombination;

/** One screen of the kiosk: a View with its root node, its keyboard shortcuts and its life cycle. */
public interface Screen {
    Parent root();

    /** The screen is now on show: start listening, put the focus where the keyboard needs it. */
    default void shown() {
    }

    /** The screen is about to be replaced: stop listening. */
    default void hidden() {
    }

    /** Keys that work anywhere on this screen (checked before the app's own shortcuts). */
    default Map<KeyCombination, Runnable> shortcuts() {
        return Map.of();
    }

    /** Whether the staff navigation bar is shown above it (not in self-service mode). */
    default boolean staffChrome() {
        return true;
    }
}
