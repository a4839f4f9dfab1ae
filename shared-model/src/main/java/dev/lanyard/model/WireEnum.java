package dev.lanyard.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Lookup of an enum by its wire name, with an error that lists what would have been valid. */
public final class WireEnum {
    private WireEnum() {
    }

    public interface Named {
        String wire();
    }

    public static <E extends Enum<E> & Named> E parse(Class<E> type, String value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.wire().equalsIgnoreCase(value.trim()) || constant.name().equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        throw new UnknownWireValueException(field + " must be one of "
                + Arrays.stream(type.getEnumConstants()).map(Named::wire).collect(Collectors.joining(", "))
                + ", not \"" + TicketCodes.printable(value) + "\"");
    }

    /** Whether {@code failure}, or one of its causes, is a wire value this version does not know. */
    public static boolean namesUnknownValue(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownWireValueException) {
                return true;
            }
        }
        return false;
    }

    static String lower(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
