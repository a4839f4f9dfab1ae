package dev.lanyard.kiosk.ui.settings;

import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiLanguage;
import dev.lanyard.kiosk.ui.UiSettings;
import java.util.Arrays;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/** Settings: language (Korean or English), auto-print on admit, sounds. Saved in the replica. */
public final class SettingsViewModel {
    private final UiSettings settings;
    private final Texts texts;
    private final ObjectProperty<UiLanguage> language = new SimpleObjectProperty<>(this, "language");
    private final BooleanProperty autoPrint = new SimpleBooleanProperty(this, "autoPrint");
    private final BooleanProperty sounds = new SimpleBooleanProperty(this, "sounds");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    public SettingsViewModel(UiSettings settings, Texts texts) {
        this.settings = settings;
        this.texts = texts;
        language.set(settings.language());
        autoPrint.set(settings.autoPrint());
        sounds.set(settings.sounds());
    }

    public List<UiLanguage> languages() {
        return Arrays.asList(UiLanguage.values());
    }

    /** Saves; @return whether the language changed (the screens are then rebuilt in it) */
    public boolean save() {
        boolean languageChanged = language.get() != null && language.get() != settings.language();
        if (language.get() != null) {
            settings.setLanguage(language.get());
        }
        settings.setAutoPrint(autoPrint.get());
        settings.setSounds(sounds.get());
        message.set(texts.get("settings.saved"));
        return languageChanged;
    }

    public ObjectProperty<UiLanguage> languageProperty() {
        return language;
    }

    public BooleanProperty autoPrintProperty() {
        return autoPrint;
    }

    public BooleanProperty soundsProperty() {
        return sounds;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
