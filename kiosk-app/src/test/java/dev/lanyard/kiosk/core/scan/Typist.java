package dev.lanyard.kiosk.core.scan;

import java.util.Map;

/**
 * What a USB scanner's key strokes become on a laptop with another layout on: generated from the
 * keyboards' physical rows (and, for Korean, the 2-set input method's composition automaton),
 * independently of the production tables that undo it.
 */
public final class Typist {
    private Typist() {
    }

    public static String azerty(String qwerty) {
        return byRows(qwerty,
                "1234567890qwertyuiopasdfghjkl;zxcvbnm,QWERTYUIOPASDFGHJKLZXCVBNM!@#$%^&*()",
                "&é\"'(-è_çàazertyuiopqsdfghjklmwxcvbn,;AZERTYUIOPQSDFGHJKLWXCVBN?1234567890");
    }

    public static String qwertz(String qwerty) {
        return byRows(qwerty, "qwertyuiopzxcvbnmQWERTYUIOPZXCVBNM", "qwertzuiopyxcvbnmQWERTZUIOPYXCVBNM");
    }

    private static String byRows(String typed, String us, String local) {
        StringBuilder out = new StringBuilder();
        for (char c : typed.toCharArray()) {
            int at = us.indexOf(c);
            out.append(at < 0 ? c : local.charAt(at));
        }
        return out.toString();
    }

    // ---- Korean 2-set with the input method on ----

    private static final Map<Character, Character> JAMO = Map.ofEntries(
            Map.entry('q', 'ㅂ'), Map.entry('w', 'ㅈ'), Map.entry('e', 'ㄷ'), Map.entry('r', 'ㄱ'), Map.entry('t', 'ㅅ'),
            Map.entry('y', 'ㅛ'), Map.entry('u', 'ㅕ'), Map.entry('i', 'ㅑ'), Map.entry('o', 'ㅐ'), Map.entry('p', 'ㅔ'),
            Map.entry('a', 'ㅁ'), Map.entry('s', 'ㄴ'), Map.entry('d', 'ㅇ'), Map.entry('f', 'ㄹ'), Map.entry('g', 'ㅎ'),
            Map.entry('h', 'ㅗ'), Map.entry('j', 'ㅓ'), Map.entry('k', 'ㅏ'), Map.entry('l', 'ㅣ'), Map.entry('z', 'ㅋ'),
            Map.entry('x', 'ㅌ'), Map.entry('c', 'ㅊ'), Map.entry('v', 'ㅍ'), Map.entry('b', 'ㅠ'), Map.entry('n', 'ㅜ'),
            Map.entry('m', 'ㅡ'),
            Map.entry('Q', 'ㅃ'), Map.entry('W', 'ㅉ'), Map.entry('E', 'ㄸ'), Map.entry('R', 'ㄲ'), Map.entry('T', 'ㅆ'),
            Map.entry('O', 'ㅒ'), Map.entry('P', 'ㅖ'));
    private static final String INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
    private static final String MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ";
    private static final String FINALS = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ";
    private static final String[][] COMPOUND_VOWELS = {{"ㅗㅏ", "ㅘ"}, {"ㅗㅐ", "ㅙ"}, {"ㅗㅣ", "ㅚ"}, {"ㅜㅓ", "ㅝ"}, {"ㅜㅔ",
            "ㅞ"}, {"ㅜㅣ", "ㅟ"}, {"ㅡㅣ", "ㅢ"}};
    private static final String[][] COMPOUND_FINALS = {{"ㄱㅅ", "ㄳ"}, {"ㄴㅈ", "ㄵ"}, {"ㄴㅎ", "ㄶ"}, {"ㄹㄱ", "ㄺ"}, {"ㄹㅁ", "ㄻ"},
            {"ㄹㅂ", "ㄼ"}, {"ㄹㅅ", "ㄽ"}, {"ㄹㅌ", "ㄾ"}, {"ㄹㅍ", "ㄿ"}, {"ㄹㅎ", "ㅀ"}, {"ㅂㅅ", "ㅄ"}};

    /** The text a 2-set IME commits for these QWERTY key strokes (Shift only matters for ㄲㄸㅃㅆㅉㅒㅖ). */
    public static String korean2Set(String qwerty) {
        Composer composer = new Composer();
        for (char c : qwerty.toCharArray()) {
            Character jamo = JAMO.get(c);
            if (jamo == null && Character.isLetter(c)) {
                jamo = JAMO.get(Character.toLowerCase(c));
            }
            if (jamo == null) {
                composer.commit();
                composer.out.append(c);
            } else if (MEDIALS.indexOf(jamo) >= 0) {
                composer.vowel(jamo);
            } else {
                composer.consonant(jamo);
            }
        }
        composer.commit();
        return composer.out.toString();
    }

    private static final class Composer {
        final StringBuilder out = new StringBuilder();
        Character initial;
        Character medial;
        Character fin;

        void consonant(char c) {
            if (initial != null && medial != null && fin == null && FINALS.indexOf(c) > 0) {
                fin = c;
            } else if (fin != null && combine(COMPOUND_FINALS, fin, c) != null) {
                fin = combine(COMPOUND_FINALS, fin, c);
            } else {
                commit();
                initial = c;
            }
        }

        void vowel(char v) {
            if (fin != null) {
                String split = split(COMPOUND_FINALS, fin);
                char moving;
                if (split != null) {
                    fin = split.charAt(0);
                    moving = split.charAt(1);
                } else {
                    moving = fin;
                    fin = null;
                }
                commit();
                initial = moving;
                medial = v;
            } else if (medial != null && combine(COMPOUND_VOWELS, medial, v) != null) {
                medial = combine(COMPOUND_VOWELS, medial, v);
            } else if (initial != null && medial == null) {
                medial = v;
            } else {
                commit();
                medial = v;
            }
        }

        void commit() {
            if (initial != null && medial != null) {
                int l = INITIALS.indexOf(initial);
                int v = MEDIALS.indexOf(medial);
                int t = fin == null ? 0 : FINALS.indexOf(fin);
                out.append((char) (0xAC00 + (l * 21 + v) * 28 + t));
            } else if (initial != null) {
                out.append(initial);
            } else if (medial != null) {
                out.append(medial);
            }
            initial = null;
            medial = null;
            fin = null;
        }

        private static Character combine(String[][] table, char a, char b) {
            for (String[] row : table) {
                if (row[0].charAt(0) == a && row[0].charAt(1) == b) {
                    return row[1].charAt(0);
                }
            }
            return null;
        }

        private static String split(String[][] table, char compound) {
            for (String[] row : table) {
                if (row[1].charAt(0) == compound) {
                    return row[0];
                }
            }
            return null;
        }
    }
}
