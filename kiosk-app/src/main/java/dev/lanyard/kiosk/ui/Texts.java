package dev.lanyard.kiosk.ui;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The UI's words in one language: {@code messages.properties} (English) and
 * {@code messages_ko.properties} (Korean). Never falls back to the JVM's default locale, so a
 * Korean laptop set to English shows English throughout.
 */
public final class Texts {
    static final String BUNDLE = "dev.lanyard.kiosk.ui.messages";
    private final UiLanguage language;
    private final ResourceBundle bundle;

    private Texts(UiLanguage language, ResourceBundle bundle) {
        this.language = language;
        this.bundle = bundle;
    }

    public static Texts of(UiLanguage language) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, language.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new Texts(language, bundle);
    }

    public UiLanguage language() {
        return language;
    }

    public Locale locale() {
        return language.locale();
    }

    public ResourceBundle bundle() {
        return bundle;
    }

    /** The text for {@code key}, with {@code args} filled in MessageFormat style ({0}, {1}). */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalArgumentException("no UI text \"" + key + "\" in " + language, e);
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, language.locale()).format(args);
    }

    /** A wait as people read it: seconds under a minute, else whole minutes (rounded up, never "0"). */
    public String waitFor(java.time.Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return seconds < 60 ? get("wait.seconds", seconds) : get("wait.minutes", (seconds + 59) / 60);
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }
}
