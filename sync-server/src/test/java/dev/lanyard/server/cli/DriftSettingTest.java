package dev.lanyard.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DriftSettingTest {
    @Test
    void aWholeNumberIsMinutes() {
        assertThat(DriftSetting.parse("5")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DriftSetting.parse(" 0 ")).isEqualTo(Duration.ZERO);
    }

    @Test
    void anIsoDurationIsTakenAsWritten() {
        assertThat(DriftSetting.parse("PT90S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DriftSetting.parse("pt2m")).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void anythingElseIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> DriftSetting.parse("5 minutes")).hasMessageContaining("max-clock-drift");
        assertThatThrownBy(() -> DriftSetting.parse("-PT1M")).hasMessageContaining("negative");
        assertThatThrownBy(() -> DriftSetting.parse("")).hasMessageContaining("max-clock-drift");
        assertThatThrownBy(() -> DriftSetting.parse("99999999999999999999")).hasMessageContaining("max-clock-drift");
    }
}
