package dev.lanyard.kiosk.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesPerFailureBetweenHalfAndAllOfTheCeilingUpToTheCap() {
        Backoff low = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60), () -> 0.0);
        Backoff high = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60), () -> 1.0);
        assertThat(low.delay(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(high.delay(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(high.delay(2)).isEqualTo(Duration.ofMillis(1000));
        assertThat(high.delay(4)).isEqualTo(Duration.ofMillis(4000));
        assertThat(high.delay(20)).isEqualTo(Duration.ofSeconds(60));
        assertThat(low.delay(1_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void refusesAnImpossibleRange() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), Math::random))
                .hasMessageContaining("0 < base <= max");
    }
}
