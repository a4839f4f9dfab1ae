package dev.lanyard.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowTroubleTest {
    @Test
    void aLinuxMachineWithoutAnyDisplayIsToldBeforeJavaFxStarts() {
        assertThat(WindowTrouble.beforeLaunch(Map.of(), "Linux")).contains(WindowTrouble.NO_DISPLAY);
    }

    @Test
    void aWaylandSessionIsADisplay() {
        assertThat(WindowTrouble.beforeLaunch(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux")).isEmpty();
    }

    @Test
    void windowsNeedsNoDisplayVariable() {
        assertThat(WindowTrouble.beforeLaunch(Map.of(), "Windows 11")).isEmpty();
    }

    @Test
    void aMissingGtkLibraryDeepInTheCauseChainIsExplainedWithThePackageToInstall() {
        Throwable failure = new IllegalStateException("launch",
                new RuntimeException(new UnsupportedOperationException("Unable to load glass GTK library.")));

        assertThat(WindowTrouble.explain(failure)).hasValueSatisfying(advice -> assertThat(advice)
                .contains("apt-get install libgtk-3-0"));
    }

    @Test
    void anUnknownFailureIsNotDressedUpAsAdvice() {
        assertThat(WindowTrouble.explain(new IllegalStateException("something else"))).isEmpty();
    }
}
