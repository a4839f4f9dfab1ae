package dev.lanyard.print.badge;

import dev.lanyard.print.fonts.FontFiles;
import java.awt.Font;
import java.awt.font.TextAttribute;
import java.text.AttributedString;

/**
 * The fonts badges are set in, shipped as resources so a kiosk without Korean fonts still prints
 * Hangul: Liberation Sans for Latin, Greek and Cyrillic (it has Ł, which NanumGothic lacks) and
 * NanumGothic for Hangul, CJK and anything Liberation cannot show. Both are SIL OFL 1.1; the
 * licence texts sit next to the .ttf files.
 */
public final class FontSet {
    private static final String BASE = "/dev/lanyard/print/fonts/";

    private final Font latin;
    private final Font latinBold;
    private final Font hangul;
    private final Font hangulBold;

    /** The fonts, opened from their cached files (written there first if they are not yet). */
    FontSet(FontFiles files) {
        latin = files.open(BASE + "LiberationSans-Regular.ttf");
        latinBold = files.open(BASE + "LiberationSans-Bold.ttf");
        hangul = files.open(BASE + "NanumGothic.ttf");
        hangulBold = files.open(BASE + "NanumGothicBold.ttf");
    }

    private static final class Holder {
        static final FontSet INSTANCE = new FontSet(FontFiles.inUserCache());
    }

    /** The shared set; fonts load once, on first use. */
    public static FontSet shared() {
        return Holder.INSTANCE;
    }

    /** The base (1 pt) font that will draw this code point. */
    public Font fontFor(int codePoint, boolean bold) {
        Font lat = bold ? latinBold : latin;
        Font han = bold ? hangulBold : hangul;
        if (isEastAsian(codePoint) && han.canDisplay(codePoint)) {
            return han;
        }
        if (lat.canDisplay(codePoint)) {
            return lat;
        }
        if (han.canDisplay(codePoint)) {
            return han;
        }
        return lat;
    }

    private static boolean isEastAsian(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HANGUL || script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA
                || script == Character.UnicodeScript.BOPOMOFO;
    }

    /** The text with each run set in the font that has its glyphs, at {@code sizePx}. */
    public AttributedString attributed(String text, boolean bold, float sizePx) {
        AttributedString attributed = new AttributedString(text);
        int i = 0;
        while (i < text.length()) {
            Font font = fontFor(text.codePointAt(i), bold);
            int start = i;
            while (i < text.length() && fontFor(text.codePointAt(i), bold) == font) {
                i += Character.charCount(text.codePointAt(i));
            }
            attributed.addAttribute(TextAttribute.FONT, font.deriveFont(sizePx), start, i);
        }
        return attributed;
    }

    /**
     * The char index of the first character no shipped font can draw (it would print as a tofu
     * box), or -1 when every character has a glyph. Checks each run with
     * {@link Font#canDisplayUpTo(String)} of the font that will draw it.
     */
    public int firstMissingGlyph(String text, boolean bold) {
        int i = 0;
        while (i < text.length()) {
            Font font = fontFor(text.codePointAt(i), bold);
            int start = i;
            while (i < text.length() && fontFor(text.codePointAt(i), bold) == font) {
                i += Character.charCount(text.codePointAt(i));
            }
            int missing = font.canDisplayUpTo(text.substring(start, i));
            if (missing >= 0) {
                return start + missing;
            }
        }
        return -1;
    }
}
