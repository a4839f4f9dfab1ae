package dev.lanyard.kiosk.core.scan;

import java.util.Optional;

/**
 * A one-time "scan this code" check of a door's scanner. The sample holds every letter a layout
 * moves (A Q W Z Y M) and every digit, so what the scanner types tells the layout apart: the
 * layout whose reading gives the sample back is the one the laptop applies to the scanner.
 */
public final class ScannerCalibration {
    /** What the calibration barcode encodes. Upper case, as ticket codes are. */
    public static final String SAMPLE = "LNYD7QAZWYM1234567890";

    private ScannerCalibration() {
    }

    /** The scanner's setup, or empty when the text is not the sample read through any known layout. */
    public static Optional<ScannerSetup> detect(String typed, ScanTerminator terminator) {
        if (typed == null) {
            return Optional.empty();
        }
        String text = typed.strip();
        for (KeyboardLayout layout : KeyboardLayout.values()) {
            if (SAMPLE.equalsIgnoreCase(layout.toQwerty(text))) {
                return Optional.of(new ScannerSetup(layout, terminator));
            }
        }
        return Optional.empty();
    }
}
