package dev.lanyard.kiosk.core.search;

/**
 * Korean-aware substring match of a search term in folded text. A term character that is an
 * initial consonant (ㅎ) matches any syllable starting with it (홍), so ㅎㄱㄷ finds 홍길동 and
 * 홍ㄱㄷ does too. The term's last character, if it is a syllable without a final consonant,
 * matches any syllable that only adds one (기 finds 길): that is what the input method shows
 * while the staff member is still typing 길.
 */
final class HangulMatch {
    private HangulMatch() {
    }

    /** Whether a term needs this matcher rather than a plain substring test. */
    static boolean needed(String term) {
        for (int i = 0; i < term.length(); i++) {
            if (TextFolding.isInitialConsonant(term.charAt(i))) {
                return true;
            }
        }
        char last = term.charAt(term.length() - 1);
        return TextFolding.isSyllable(last) && !TextFolding.hasFinal(last);
    }

    /**
     * The term as initial consonants only (홍ㄱ동 -> ㅎㄱㄷ): a necessary condition, checked with a
     * plain substring search against {@link #initials} of the text before the exact match runs.
     */
    static String initials(String folded) {
        StringBuilder out = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            out.append(TextFolding.isSyllable(c) ? TextFolding.initialOf(c) : c);
        }
        return out.toString();
    }

    /** Whether {@code term} matches somewhere in {@code text} between {@code from} and {@code to}. */
    static boolean matches(String text, int from, int to, String term) {
        int n = term.length();
        for (int start = from; start + n <= to; start++) {
            if (matchesAt(text, start, term)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAt(String text, int start, String term) {
        int last = term.length() - 1;
        for (int i = 0; i <= last; i++) {
            char t = term.charAt(i);
            char c = text.charAt(start + i);
            if (t == c) {
                continue;
            }
            if (!TextFolding.isSyllable(c)) {
                return false;
            }
            if (TextFolding.isInitialConsonant(t)) {
                if (TextFolding.initialOf(c) != t) {
                    return false;
                }
            } else if (!(i == last && TextFolding.isSyllable(t) && !TextFolding.hasFinal(t)
                    && TextFolding.withoutFinal(c) == t)) {
                return false;
            }
        }
        return true;
    }
}
