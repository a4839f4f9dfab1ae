package dev.lanyard.kiosk.core.scan;

import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.core.store.Settings;
import dev.lanyard.kiosk.core.store.Tx;

/**
 * This door's scanner as calibration found it, kept in the replica's settings so it survives
 * restarts; every scan reads the current value.
 */
public final class ScannerProfile {
    static final String LAYOUT = "scanner.layout";
    static final String TERMINATOR = "scanner.terminator";
    private final Replica replica;
    private volatile ScannerSetup setup;

    public ScannerProfile(Replica replica) {
        this.replica = replica;
        this.setup = replica.write(tx -> {
            KeyboardLayout layout = Settings.get(tx, LAYOUT).map(ScannerProfile::layoutOrNull).orElse(null);
            ScanTerminator terminator = Settings.get(tx, TERMINATOR).map(ScannerProfile::terminatorOrNull).orElse(null);
            return layout == null ? ScannerSetup.UNCALIBRATED : new ScannerSetup(layout, terminator);
        });
    }

    public ScannerSetup current() {
        return setup;
    }

    public void save(ScannerSetup calibrated) {
        replica.write(tx -> {
            putOrRemove(tx, LAYOUT, calibrated.layout() == null ? null : calibrated.layout().wire());
            putOrRemove(tx, TERMINATOR, calibrated.terminator() == null ? null : calibrated.terminator().wire());
            return null;
        });
        setup = calibrated;
    }

    private static void putOrRemove(Tx tx, String name, String value) {
        if (value == null) {
            Settings.remove(tx, name);
        } else {
            Settings.put(tx, name, value);
        }
    }

    private static KeyboardLayout layoutOrNull(String value) {
        try {
            return KeyboardLayout.fromWire(value);
        } catch (IllegalArgumentException e) {
            return null; // written by a later version: scan as uncalibrated
        }
    }

    private static ScanTerminator terminatorOrNull(String value) {
        try {
            return ScanTerminator.fromWire(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
