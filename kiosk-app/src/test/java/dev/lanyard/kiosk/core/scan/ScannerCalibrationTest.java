package dev.lanyard.kiosk.core.scan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScannerCalibrationTest {
    @Test
    void aUsLayoutScannerIsDetected() {
        assertThat(ScannerCalibration.detect(ScannerCalibration.SAMPLE, ScanTerminator.ENTER))
                .contains(new ScannerSetup(KeyboardLayout.QWERTY, ScanTerminator.ENTER));
    }

    @Test
    void theKoreanInputMethodIsDetected() {
        assertThat(ScannerCalibration.detect(Typist.korean2Set(ScannerCalibration.SAMPLE), ScanTerminator.TAB))
                .contains(new ScannerSetup(KeyboardLayout.KOREAN_2SET, ScanTerminator.TAB));
    }

    @Test
    void azertyIsDetected() {
        assertThat(ScannerCalibration.detect(Typist.azerty(ScannerCalibration.SAMPLE), ScanTerminator.NONE))
                .contains(new ScannerSetup(KeyboardLayout.AZERTY, ScanTerminator.NONE));
    }

    @Test
    void qwertzIsDetected() {
        assertThat(ScannerCalibration.detect(Typist.qwertz(ScannerCalibration.SAMPLE), ScanTerminator.ENTER))
                .contains(new ScannerSetup(KeyboardLayout.QWERTZ, ScanTerminator.ENTER));
    }

    @Test
    void somethingElseIsNotTakenForTheSample() {
        assertThat(ScannerCalibration.detect("HELLO", ScanTerminator.ENTER)).isEmpty();
    }
}
