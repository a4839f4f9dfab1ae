package dev.lanyard.print.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    @Test
    void delaysDoubleUpToTheCap() {
        RetryPolicy p = RetryPolicy.defaults();
        assertThat(p.delayAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.delayAfter(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(p.delayAfter(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(p.delayAfter(10)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void nonsenseIsRejected() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, 2, Duration.ZERO))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(5), 2, Duration.ofSeconds(1)))
                .hasMessageContaining("initialDelay <= maxDelay");
    }
}
