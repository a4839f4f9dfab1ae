package dev.lanyard.server.http.console;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;

/** Korean or English: the switch's cookie if set, else the browser's Accept-Language, else English. */
public final class Language {
    public static final String COOKIE = "lanyard_lang";
    public static final List<String> SUPPORTED = List.of("en", "ko");

    private Language() {
    }

    public static String of(Context ctx) {
        String chosen = ctx.cookie(COOKIE);
        if (chosen != null && SUPPORTED.contains(chosen)) {
            return chosen;
        }
        return fromAcceptLanguage(ctx.header("Accept-Language"));
    }

    static String fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return "en";
        }
        try {
            Locale.LanguageRange.parse(header);
        } catch (IllegalArgumentException e) {
            return "en";
        }
        Locale best = Locale.lookup(Locale.LanguageRange.parse(header), List.of(Locale.ENGLISH, Locale.KOREAN));
        return best == null ? "en" : best.getLanguage();
    }
}
