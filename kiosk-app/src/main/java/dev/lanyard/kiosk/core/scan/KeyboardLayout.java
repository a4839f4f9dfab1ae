package dev.lanyard.kiosk.core.scan;

import java.util.Locale;

/**
 * The keyboard layouts a scanner's key strokes may be read through. A USB scanner sends key
 * positions of a US keyboard; the operating system turns them into characters with whatever
 * layout the laptop has on. Each layout here undoes that for the characters a ticket code uses
 * (letters and digits).
 */
public enum KeyboardLayout {
    /** US and every layout that agrees with it on letters and digits. */
    QWERTY {
        @Override
        public String toQwerty(String typed) {
            return typed;
        }
    },
    /** Korean 2-set with the input method composing jamo into syllables. */
    KOREAN_2SET {
        @Override
        public String toQwerty(String typed) {
            return HangulKeys.toKeys(typed);
        }
    },
    /**
     * French AZERTY: A/Q and Z/W swapped, M where QWERTY has the semicolon (so QWERTY's M key
     * types a comma, and with Shift a question mark), digits only with Shift (the scanner's
     * unshifted digit keys type the row's symbols).
     */
    AZERTY {
        private static final String TYPED = "aqzwAQZWm,?M&\u00e9\"'(-\u00e8_\u00e7\u00e0";
        private static final String MEANT = "qawzQAWZ;mM:1234567890";

        @Override
        public String toQwerty(String typed) {
            return swap(typed, TYPED, MEANT);
        }
    },
    /** German QWERTZ: Y and Z swapped. */
    QWERTZ {
        @Override
        public String toQwerty(String typed) {
            return swap(typed, "yzYZ", "zyZY");
        }
    };

    /** What the scanner meant, as QWERTY characters. */
    public abstract String toQwerty(String typed);

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static KeyboardLayout fromWire(String value) {
        for (KeyboardLayout layout : values()) {
            if (layout.wire().equals(value)) {
                return layout;
            }
        }
        throw new IllegalArgumentException("unknown keyboard layout " + value);
    }

    private static String swap(String typed, String from, String to) {
        StringBuilder out = new StringBuilder(typed.length());
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            int at = from.indexOf(c);
            out.append(at < 0 ? c : to.charAt(at));
        }
        return out.toString();
    }
}
