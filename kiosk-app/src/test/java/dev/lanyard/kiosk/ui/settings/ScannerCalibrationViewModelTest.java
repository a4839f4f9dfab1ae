package dev.lanyard.kiosk.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.scan.KeyboardLayout;
import dev.lanyard.kiosk.core.scan.ScanTerminator;
import dev.lanyard.kiosk.core.scan.ScannerCalibration;
import dev.lanyard.kiosk.core.scan.ScannerProfile;
import dev.lanyard.kiosk.core.scan.Typist;
import dev.lanyard.kiosk.ui.KioskSession;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiLanguage;
import dev.lanyard.kiosk.ui.support.Desks;
import dev.lanyard.kiosk.ui.support.People;
import dev.lanyard.kiosk.ui.support.RecordingSounds;
import dev.lanyard.model.Event;
import dev.lanyard.model.ReentryPolicy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScannerCalibrationViewModelTest {
    @TempDir
    Path tmp;
    KioskSession session;
    ScannerCalibrationViewModel vm;

    @BeforeEach
    void open() {
        Event event = People.event(ReentryPolicy.WARN);
        session = Desks.session(tmp.resolve("kiosk"), event, List.of(), new RecordingSounds());
        vm = new ScannerCalibrationViewModel(session.kiosk().scanner(), Texts.of(UiLanguage.ENGLISH));
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void anUncheckedScannerSaysHowScansAreRead() {
        assertThat(vm.statusProperty().get()).startsWith("Not checked yet");
    }

    @Test
    void theSampleScannedThroughTheKoreanInputMethodIsKeptForLaterScans() {
        vm.start();

        assertThat(vm.scanned(Typist.korean2Set(ScannerCalibration.SAMPLE), ScanTerminator.TAB)).isTrue();

        assertThat(vm.calibratingProperty().get()).isFalse();
        assertThat(vm.statusProperty().get())
                .isEqualTo("Keyboard layout: Korean input method (2-set). Ends each code with Tab.");
        assertThat(new ScannerProfile(KioskReplica.of(session.kiosk())).current().layout())
                .isEqualTo(KeyboardLayout.KOREAN_2SET);
    }

    @Test
    void somethingElseScannedAsksAgainAndKeepsWhatWasThere() {
        vm.start();

        assertThat(vm.scanned("HELLO", ScanTerminator.ENTER)).isFalse();

        assertThat(vm.calibratingProperty().get()).isTrue();
        assertThat(vm.messageProperty().get()).contains("Scan the code on the screen again");
        assertThat(session.kiosk().scanner().current().calibrated()).isFalse();
    }

    @Test
    void theSampleIsAScannableCode() {
        assertThat(vm.sample().getWidth()).isGreaterThan(20);
    }
}
