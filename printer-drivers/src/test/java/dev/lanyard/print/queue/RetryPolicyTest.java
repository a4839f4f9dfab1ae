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
        assertThat(p.delayAfter(10)).isEqualTo(Duration.ofSeconds(15));
    }

    /**
     * Five tries in 30 s failed a waiting badge for good while staff changed a roll (minutes), and the next badge took
     * its place and failed the same way: one badge lost for each 30 s of an empty roll. Found by a review.
     */
    @Test
    void theDoorsDefaultKeepsABadgeWaitingForHoursAtMostFifteenSecondsApart() {
        RetryPolicy p = RetryPolicy.defaults();
        Duration waited = Duration.ZERO;
        for (int attempt = 1; attempt < p.maxAttempts(); attempt++) {
            assertThat(p.delayAfter(attempt)).isLessThanOrEqualTo(Duration.ofSeconds(15));
            waited = waited.plus(p.delayAfter(attempt));
        }
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofHours(4));
    }

    @Test
    void nonsenseIsRejected() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, 2, Duration.ZERO))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(5), 2, Duration.ofSeconds(1)))
                .hasMessageContaining("initialDelay <= maxDelay");
    }
}
