package dev.lanyard.kiosk.ui.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScanTimingTest {
    ScanTiming timing = new ScanTiming(35, 250, 120, 8);

    void type(int count, long start, long gap) {
        for (int i = 0; i < count; i++) {
            timing.keyTyped(start + i * gap, i == 0);
        }
    }

    @Test
    void aFastBurstFollowedBySilenceIsAFinishedScan() {
        type(14, 1_000, 4);
        long last = 1_000 + 13 * 4;

        assertThat(timing.scanEnded(last + 119)).isFalse();
        assertThat(timing.scanEnded(last + 120)).isTrue();
    }

    @Test
    void aPersonTypingIsNeverTakenForAScanner() {
        type(14, 1_000, 90);

        assertThat(timing.scanEnded(1_000 + 13 * 90 + 10_000)).isFalse();
    }

    @Test
    void aShortBurstIsNotAScan() {
        type(7, 1_000, 3);

        assertThat(timing.scanEnded(5_000)).isFalse();
    }

    @Test
    void aBurstThatDidNotStartInAnEmptyFieldIsNotAWholeScan() {
        timing.keyTyped(1_000, true);
        timing.keyTyped(2_000, false); // slow: a person
        for (int i = 1; i <= 12; i++) {
            timing.keyTyped(2_000 + i * 3, false);
        }

        assertThat(timing.scanEnded(3_000)).isFalse();
    }

    @Test
    void aRepaintDelayingOneKeyOfAScanDoesNotBreakIt() {
        type(10, 1_000, 3);
        timing.keyTyped(1_027 + 90, false);
        timing.keyTyped(1_027 + 92, false);
        timing.keyTyped(1_027 + 94, false);

        assertThat(timing.scanEnded(1_500)).isTrue();
    }

    @Test
    void aPauseLongerThanAnyStallEndsTheRun() {
        type(6, 1_000, 3);
        timing.keyTyped(1_400, false);
        for (int i = 1; i <= 6; i++) {
            timing.keyTyped(1_400 + i * 3, false);
        }

        assertThat(timing.scanEnded(3_000)).isFalse();
    }

    @Test
    void aFastTypistIsStillTooSlowOnAverage() {
        // 70 ms a key is about 170 words a minute
        type(12, 1_000, 70);

        assertThat(timing.scanEnded(5_000)).isFalse();
    }

    @Test
    void resetForgetsTheBurst() {
        type(14, 1_000, 4);
        timing.reset();

        assertThat(timing.scanEnded(5_000)).isFalse();
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new ScanTiming(0, 250, 120, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScanTiming(35, 20, 120, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScanTiming(35, 250, 120, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
