package dev.lanyard.model;

import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Argument checks for record constructors. Every message starts with the field name so that a
 * rejected JSON document tells the sender exactly which field is wrong.
 */
public final class Require {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    private Require() {
    }

    /** The earliest instant a record may carry: no door's clock, however wrong, reads before 1970. */
    public static final java.time.Instant EARLIEST = java.time.Instant.EPOCH;
    /** The first instant a record may not carry: four-digit years, which every time zone and format can show. */
    public static final java.time.Instant AFTER_LATEST = java.time.Instant.parse("+10000-01-01T00:00:00Z");

    /**
     * An instant from the wire, between {@link #EARLIEST} and {@link #AFTER_LATEST}: JSON takes any year up to a
     * billion, and one such stamp in a replicated record (a drawing's time) made every door fail to show it. Checked
     * where a record enters (the server's ingest), not in its constructor: a record stored before must still load.
     */
    public static java.time.Instant instant(java.time.Instant value, String field) {
        String problem = instantProblem(value, field);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return value;
    }

    /** Why {@link #instant} would refuse {@code value}, or null: for an ingest that refuses one item, not its batch. */
    public static String instantProblem(java.time.Instant value, String field) {
        if (value == null) {
            return field + " is required";
        }
        if (value.isBefore(EARLIEST) || !value.isBefore(AFTER_LATEST)) {
            return field + " must be between 1970 and 9999, not " + value;
        }
        return null;
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    public static String text(String value, String field, int maxLength) {
        present(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return optionalText(value, field, maxLength);
    }

    public static String optionalText(String value, String field, int maxLength) {
        if (value != null) {
            if (value.length() > maxLength) {
                throw new IllegalArgumentException(field + " is longer than " + maxLength + " characters");
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || Character.isSurrogate(c)
                        && !validSurrogateAt(value, i)) {
                    throw new IllegalArgumentException(field + " contains a control or invalid character");
                }
            }
        }
        return value;
    }

    private static boolean validSurrogateAt(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }

    public static String optionalEmail(String value, String field) {
        optionalText(value, field, 254);
        if (value != null && !value.isEmpty() && !EMAIL.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " is not an email address: " + value);
        }
        return value;
    }

    public static long nonNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative");
        }
        return value;
    }

    public static <C extends Collection<?>> C atMost(C values, int max, String field) {
        if (values != null && values.size() > max) {
            throw new IllegalArgumentException(field + " has more than " + max + " entries");
        }
        if (values != null) {
            for (Object value : values) {
                if (value == null) {
                    throw new IllegalArgumentException(field + " must not contain null");
                }
            }
        }
        return values;
    }

    public static <M extends Map<?, ?>> M atMost(M values, int max, String field) {
        if (values != null && values.size() > max) {
            throw new IllegalArgumentException(field + " has more than " + max + " entries");
        }
        return values;
    }
}
