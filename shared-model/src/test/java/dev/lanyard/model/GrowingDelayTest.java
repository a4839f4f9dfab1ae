package dev.lanyard.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GrowingDelayTest {
    private static final GrowingDelay RULE = new GrowingDelay(3, Duration.ofSeconds(1), Duration.ofSeconds(10),
            Duration.ofMinutes(1));

    @Test
    void theFreeFailuresCostNothing() {
        assertThat(RULE.lockOut(0)).isZero();
        assertThat(RULE.lockOut(3)).isZero();
    }

    @Test
    void eachFurtherFailureDoublesTheLockOutUpToItsCap() {
        assertThat(RULE.lockOut(4)).isEqualTo(Duration.ofSeconds(1));
        assertThat(RULE.lockOut(5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(RULE.lockOut(7)).isEqualTo(Duration.ofSeconds(8));
        assertThat(RULE.lockOut(8)).isEqualTo(Duration.ofSeconds(10));
        assertThat(RULE.lockOut(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aCountForgottenBeforeTheLongestLockOutEndsIsRefused() {
        assertThatThrownBy(() -> new GrowingDelay(3, Duration.ofSeconds(1), Duration.ofMinutes(2),
                Duration.ofMinutes(1)))
                .hasMessageContaining("forgetAfter must exceed maxDelay");
    }
}
