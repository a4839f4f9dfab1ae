package dev.lanyard.kiosk.ui;

import java.util.Locale;

/** The languages the kiosk speaks, each with a complete bundle. */
public enum UiLanguage {
    ENGLISH("en", Locale.ENGLISH, "English"),
    KOREAN("ko", Locale.KOREAN, "한국어");

    private final String code;
    private final Locale locale;
    private final String nativeName;

    UiLanguage(String code, Locale locale, String nativeName) {
        this.code = code;
        this.locale = locale;
        this.nativeName = nativeName;
    }

    public String code() {
        return code;
    }

    public Locale locale() {
        return locale;
    }

    /** The language's name in itself, as a language picker shows it. */
    public String nativeName() {
        return nativeName;
    }

    /** "ko" or "en" (any case); IllegalArgumentException naming the choices otherwise. */
    public static UiLanguage fromCode(String code) {
        for (UiLanguage l : values()) {
            if (l.code.equalsIgnoreCase(code == null ? "" : code.trim())) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown language \"" + code + "\"; use en or ko");
    }

    /** The language of the JVM's default locale when it is one of ours, else English. */
    public static UiLanguage systemDefault() {
        return Locale.getDefault().getLanguage().equals("ko") ? KOREAN : ENGLISH;
    }

    @Override
    public String toString() {
        return nativeName;
    }
}
