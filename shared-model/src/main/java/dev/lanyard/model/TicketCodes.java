package dev.lanyard.model;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * Ticket codes: the QR payload on a ticket and a badge. 65 random bits in Crockford base32
 * (13 symbols) followed by Crockford's mod-37 check symbol, so a code that a scanner misread
 * or a person mistyped by one symbol, or by swapping two neighbours, is caught at the kiosk
 * instead of being reported as an unknown ticket.
 *
 * <p>Codes whose check symbol would be one of Crockford's extra symbols {@code * ~ $ =} are
 * drawn again, so every code is alphanumeric and types safely on any keyboard layout; that
 * rejection costs 0.17 of the 65 bits.
 */
public final class TicketCodes {
    public static final int DATA_LENGTH = 13;
    public static final int LENGTH = DATA_LENGTH + 1;
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final String CHECK_ALPHABET = ALPHABET + "*~$=U";

    /** What a scanned or typed string is, as far as its shape tells. */
    public enum Shape {
        /** Looks like a Lanyard code and its check symbol matches. */
        VALID,
        /** Looks like a Lanyard code but the check symbol is wrong: misread or mistyped. */
        BAD_CHECK,
        /** Not a Lanyard code at all (may still be an imported ticket code such as a pretix secret). */
        FOREIGN
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private TicketCodes() {
    }

    public static String generate() {
        return generate(RANDOM);
    }

    public static String generate(java.util.Random random) {
        while (true) {
            long high = random.nextLong();
            int low = random.nextInt(2);
            char[] data = new char[DATA_LENGTH];
            // 13 symbols x 5 bits = 65 bits: 64 from high, 1 from low
            data[0] = ALPHABET.charAt((int) ((high >>> 60) & 0xF) << 1 | low);
            for (int i = 1; i < DATA_LENGTH; i++) {
                data[i] = ALPHABET.charAt((int) ((high >>> (60 - 5 * i)) & 0x1F));
            }
            char check = checkSymbol(new String(data));
            if (ALPHABET.indexOf(check) >= 0 || check == 'U') {
                return new String(data) + check;
            }
        }
    }

    /**
     * Canonical form of a scanned or typed code: upper case, no spaces or hyphens, and the
     * letters Crockford reads as digits (I, L -> 1; O -> 0) replaced. Empty if nothing is left.
     */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = Character.toUpperCase(raw.charAt(i));
            switch (c) {
                case '-', ' ', '\t', '\r', '\n' -> { }
                case 'I', 'L' -> out.append('1');
                case 'O' -> out.append('0');
                default -> out.append(c);
            }
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out.toString());
    }

    public static Shape shape(String raw) {
        Optional<String> normalized = normalize(raw);
        if (normalized.isEmpty() || normalized.get().length() != LENGTH) {
            return Shape.FOREIGN;
        }
        String code = normalized.get();
        String data = code.substring(0, DATA_LENGTH);
        for (int i = 0; i < DATA_LENGTH; i++) {
            if (ALPHABET.indexOf(data.charAt(i)) < 0) {
                return Shape.FOREIGN;
            }
        }
        if (CHECK_ALPHABET.indexOf(code.charAt(DATA_LENGTH)) < 0) {
            return Shape.FOREIGN;
        }
        return checkSymbol(data) == code.charAt(DATA_LENGTH) ? Shape.VALID : Shape.BAD_CHECK;
    }

    public static boolean isValid(String raw) {
        return shape(raw) == Shape.VALID;
    }

    /** Groups a code for reading aloud or printing: {@code 7K3M-Q9XD-2RTA-BG}. */
    public static String display(String code) {
        String normalized = normalize(code).orElse("");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < normalized.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                out.append('-');
            }
            out.append(normalized.charAt(i));
        }
        return out.toString();
    }

    static char checkSymbol(String data) {
        int remainder = 0;
        for (int i = 0; i < data.length(); i++) {
            int digit = ALPHABET.indexOf(data.charAt(i));
            if (digit < 0) {
                throw new IllegalArgumentException("ticket code contains '" + data.charAt(i)
                        + "', not a Crockford base32 symbol");
            }
            remainder = (remainder * 32 + digit) % 37;
        }
        return CHECK_ALPHABET.charAt(remainder);
    }

    /** For messages: a code cut to a safe length with no control characters. */
    public static String printable(String raw) {
        if (raw == null) {
            return "";
        }
        String cleaned = cleaned(raw);
        return (cleaned.length() > 40 ? cut(cleaned, 40) + "…" : cleaned);
    }

    /**
     * {@code raw} from the wire as it may be stored or shown: control characters and halves of surrogate pairs
     * replaced, at most {@code max} characters, never cut through a pair. PostgreSQL stores half a pair as "?", so a
     * text holding one is not stored as it came and would not equal itself when sent again.
     */
    public static String printable(String raw, int max) {
        String cleaned = raw == null ? "" : cleaned(raw);
        return cleaned.length() <= max ? cleaned : cut(cleaned, max - 1) + "…";
    }

    private static String cleaned(String raw) {
        StringBuilder out = null;
        for (int i = 0, n = raw.length(); i < n; i++) {
            char c = raw.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(raw.charAt(i + 1));
            boolean bad = Character.isISOControl(c) || Character.isSurrogate(c) && !pair;
            if (bad && out == null) {
                out = new StringBuilder(raw.length()).append(raw, 0, i);
            }
            if (out != null) {
                out.append(bad ? '?' : c);
                if (pair) {
                    out.append(raw.charAt(i + 1));
                }
            }
            if (pair) {
                i++;
            }
        }
        return out == null ? raw : out.toString();
    }

    /** The first {@code length} characters, one fewer where that would cut a surrogate pair in two. */
    private static String cut(String text, int length) {
        return Character.isHighSurrogate(text.charAt(length - 1)) ? text.substring(0, length - 1)
                : text.substring(0, length);
    }
}
