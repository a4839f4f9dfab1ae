package dev.lanyard.server.http.console;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The console's texts in one language, from {@code console/messages*.properties}. */
public final class Messages {
    private final ResourceBundle bundle;
    private final Locale locale;

    private Messages(Locale locale) {
        this.locale = locale;
        // no fallback to the JVM's locale: an English page on a Korean laptop must stay English
        this.bundle = ResourceBundle.getBundle("console.messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public static Messages of(String lang) {
        return new Messages(Locale.forLanguageTag(lang));
    }

    public String get(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    public String get(String key, Object... args) {
        return new MessageFormat(get(key), locale).format(args);
    }

    public String lang() {
        return locale.getLanguage().isEmpty() ? "en" : locale.getLanguage();
    }
}
