package dev.lanyard.kiosk.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * Loads a View's FXML (next to the View class, same name) with the View as its controller and the UI texts as
 * %resources.
 */
public final class ViewLoader {
    private ViewLoader() {
    }

    public static Parent load(Object view, Texts texts) {
        String name = view.getClass().getSimpleName() + ".fxml";
        URL url = view.getClass().getResource(name);
        if (url == null) {
            throw new IllegalStateException("no " + name + " next to " + view.getClass().getName());
        }
        FXMLLoader loader = new FXMLLoader(url, texts.bundle());
        loader.setController(view);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + name, e);
        }
    }
}
