package dev.lanyard.kiosk.core.scan;

/** What calibration learned about a door's scanner. */
public record ScannerSetup(KeyboardLayout layout, ScanTerminator terminator) {
    public static final ScannerSetup UNCALIBRATED = new ScannerSetup(null, null);

    public boolean calibrated() {
        return layout != null;
    }
}
