package dev.lanyard.kiosk.ui.settings;

import com.google.zxing.common.BitMatrix;
import dev.lanyard.kiosk.core.scan.ScanTerminator;
import dev.lanyard.kiosk.core.scan.ScannerCalibration;
import dev.lanyard.kiosk.core.scan.ScannerProfile;
import dev.lanyard.kiosk.core.scan.ScannerSetup;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.print.badge.QrCodes;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The one-time "scan this code" check of the door's scanner: shows a sample code, reads what the
 * scanner types for it and keeps the layout and terminator it reveals, so later scans through
 * the Korean input method or a European layout are read back first in that layout.
 */
public final class ScannerCalibrationViewModel {
    private final ScannerProfile profile;
    private final Texts texts;
    private final ReadOnlyBooleanWrapper calibrating = new ReadOnlyBooleanWrapper(this, "calibrating", false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    public ScannerCalibrationViewModel(ScannerProfile profile, Texts texts) {
        this.profile = profile;
        this.texts = texts;
        status.set(describe(profile.current()));
    }

    /** The code the scanner is asked to read. */
    public BitMatrix sample() {
        return QrCodes.matrix(ScannerCalibration.SAMPLE);
    }

    public void start() {
        calibrating.set(true);
        message.set(texts.get("settings.scanner.prompt"));
    }

    public void cancel() {
        calibrating.set(false);
        message.set("");
    }

    /** What the scanner typed for the sample and how it ended it. @return whether it was recognised */
    public boolean scanned(String typed, ScanTerminator ending) {
        Optional<ScannerSetup> found = ScannerCalibration.detect(typed, ending);
        if (found.isEmpty()) {
            message.set(texts.get("settings.scanner.unrecognised"));
            return false;
        }
        profile.save(found.get());
        calibrating.set(false);
        status.set(describe(found.get()));
        message.set(texts.get("settings.scanner.done"));
        return true;
    }

    private String describe(ScannerSetup setup) {
        if (!setup.calibrated()) {
            return texts.get("settings.scanner.uncalibrated");
        }
        String layout = texts.get("settings.scanner.layout." + setup.layout().wire());
        String ending = setup.terminator() == null ? "" : texts.get("settings.scanner.ending."
                + setup.terminator().name().toLowerCase(Locale.ROOT));
        return texts.get("settings.scanner.status", layout, ending);
    }

    public ReadOnlyBooleanProperty calibratingProperty() {
        return calibrating.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
