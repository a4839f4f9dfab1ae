package dev.lanyard.kiosk.core.search;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Folds text for search: lower case, accents dropped (é -> e, Å -> a, ﬁ -> fi), whitespace
 * collapsed. Hangul syllables are kept whole (decomposing them would turn 홍 into ㅎㅗㅇ and
 * break syllable search); {@link HangulMatch} matches initial consonants against them.
 */
public final class TextFolding {
    static final int SYLLABLE_FIRST = 0xAC00;
    static final int SYLLABLE_LAST = 0xD7A3;
    /** Compatibility jamo of the 19 initial consonants, in Unicode's syllable order. */
    static final String CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";

    private TextFolding() {
    }

    public static String fold(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isSyllable(cp) || isCompatibilityJamo(cp)) {
                flush(run, out);
                out.appendCodePoint(cp);
            } else if (cp < 0x80) {
                flush(run, out);
                appendAscii(out, (char) cp);
            } else {
                run.appendCodePoint(cp);
            }
        }
        flush(run, out);
        return out.toString().trim();
    }

    private static void appendAscii(StringBuilder out, char c) {
        if (Character.isWhitespace(c) || c < 0x20) {
            if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                out.append(' ');
            }
        } else {
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
    }

    /** Non-ASCII, non-Hangul text: compatibility-decompose, drop combining marks, lower-case. */
    private static void flush(StringBuilder run, StringBuilder out) {
        if (run.length() == 0) {
            return;
        }
        String decomposed = Normalizer.normalize(run, Normalizer.Form.NFKD);
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type
                    == Character.ENCLOSING_MARK) {
                continue;
            }
            if (Character.isWhitespace(cp)) {
                appendAscii(out, ' ');
            } else {
                out.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
            }
        }
        run.setLength(0);
    }

    static boolean isSyllable(int c) {
        return c >= SYLLABLE_FIRST && c <= SYLLABLE_LAST;
    }

    /** ㄱ..ㅎ as typed on a Korean keyboard (the consonant letters of the compatibility jamo block). */
    static boolean isCompatibilityJamo(int c) {
        return c >= 0x3131 && c <= 0x318E;
    }

    static boolean isInitialConsonant(char c) {
        return CHOSEONG.indexOf(c) >= 0;
    }

    static char initialOf(char syllable) {
        return CHOSEONG.charAt((syllable - SYLLABLE_FIRST) / 588);
    }

    /** The syllable without its final consonant (길 -> 기), for matching a syllable still being typed. */
    static char withoutFinal(char syllable) {
        int index = syllable - SYLLABLE_FIRST;
        return (char) (syllable - index % 28);
    }

    static boolean hasFinal(char syllable) {
        return (syllable - SYLLABLE_FIRST) % 28 != 0;
    }
}
