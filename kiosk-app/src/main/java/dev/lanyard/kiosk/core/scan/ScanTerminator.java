package dev.lanyard.kiosk.core.scan;

import java.util.Locale;

/** How a scanner ends a code: the key it sends after the last character, or nothing. */
public enum ScanTerminator {
    ENTER, TAB, NONE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ScanTerminator fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
