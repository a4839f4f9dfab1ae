package dev.lanyard.kiosk.core.scan;

/**
 * The keys of the Korean 2-set (Dubeolsik) layout behind Hangul text: a barcode scanner types
 * key positions, and with the Korean input method on those arrive as jamo that the IME composes
 * into syllables. Undoing that gives back the QWERTY letters the scanner meant.
 *
 * <p>Composition is undone with the Unicode syllable arithmetic (syllable = 0xAC00 + (initial x
 * 21 + medial) x 28 + final); a compound vowel or final consonant came from two keys. Jamo that
 * only Shift produces (ㄲ ㄸ ㅃ ㅆ ㅉ ㅒ ㅖ) give upper-case letters, the rest lower case: the
 * IME drops the Shift of every other letter, so case cannot be recovered and ticket codes are
 * compared without it anyway.
 */
public final class HangulKeys {
    private static final int SYLLABLE_FIRST = 0xAC00;
    private static final int SYLLABLE_LAST = 0xD7A3;

    /** Keys of the 19 initial consonants, in Unicode order. */
    private static final String[] INITIAL = {"r", "R", "s", "e", "E", "f", "a", "q", "Q", "t", "T", "d", "w", "W", "c",
            "z", "x", "v", "g"};
    /** Keys of the 21 medial vowels, in Unicode order. */
    private static final String[] MEDIAL = {"k", "o", "i", "O", "j", "p", "u", "P", "h", "hk", "ho", "hl", "y", "n",
            "nj", "np", "nl", "b", "m", "ml", "l"};
    /** Keys of the 27 final consonants (index 0 is "none"), in Unicode order. */
    private static final String[] FINAL = {"", "r", "R", "rt", "s", "sw", "sg", "e", "f", "fr", "fa", "fq", "ft", "fx",
            "fv", "fg", "a", "q", "qt", "t", "T", "d", "w", "c", "z", "x", "v", "g"};
    /** Keys of the compatibility jamo U+3131..U+3163 (what an IME shows for a lone jamo). */
    private static final String[] COMPATIBILITY = {
            "r", "R", "rt", "s", "sw", "sg", "e", "E", "f", "fr", "fa", "fq", "ft", "fx", "fv", "fg", "a", "q", "Q",
                    "qt",
            "t", "T", "d", "w", "W", "c", "z", "x", "v", "g",
            "k", "o", "i", "O", "j", "p", "u", "P", "h", "hk", "ho", "hl", "y", "n", "nj", "np", "nl", "b", "m", "ml",
            "l"};
    private static final int COMPATIBILITY_FIRST = 0x3131;

    private HangulKeys() {
    }

    public static boolean containsHangul(String text) {
        return text.codePoints().anyMatch(HangulKeys::isHangul);
    }

    /** The QWERTY keys that typed {@code text} on the 2-set layout; other characters pass unchanged. */
    public static String toKeys(String text) {
        StringBuilder out = new StringBuilder(text.length() * 3);
        text.codePoints().forEach(c -> appendKeys(out, c));
        return out.toString();
    }

    private static void appendKeys(StringBuilder out, int c) {
        if (c >= SYLLABLE_FIRST && c <= SYLLABLE_LAST) {
            int index = c - SYLLABLE_FIRST;
            out.append(INITIAL[index / (21 * 28)]).append(MEDIAL[index % (21 * 28) / 28]).append(FINAL[index % 28]);
        } else if (c >= COMPATIBILITY_FIRST && c < COMPATIBILITY_FIRST + COMPATIBILITY.length) {
            out.append(COMPATIBILITY[c - COMPATIBILITY_FIRST]);
        } else if (c >= 0x1100 && c < 0x1100 + INITIAL.length) {
            out.append(INITIAL[c - 0x1100]);
        } else if (c >= 0x1161 && c < 0x1161 + MEDIAL.length) {
            out.append(MEDIAL[c - 0x1161]);
        } else if (c >= 0x11A8 && c < 0x11A8 + FINAL.length - 1) {
            out.append(FINAL[c - 0x11A8 + 1]);
        } else {
            out.appendCodePoint(c);
        }
    }

    private static boolean isHangul(int c) {
        return (c >= SYLLABLE_FIRST && c <= SYLLABLE_LAST)
                || (c >= COMPATIBILITY_FIRST && c < COMPATIBILITY_FIRST + COMPATIBILITY.length)
                || (c >= 0x1100 && c <= 0x11FF);
    }
}
