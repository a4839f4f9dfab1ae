package dev.lanyard.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.clock.HybridLogicalClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OrganizerStampTest {
    private static final long NOW = 1_800_000_000_000L;

    private static HybridLogicalClock clock() {
        return new HybridLogicalClock("server-1", () -> NOW, Duration.ofMinutes(5));
    }

    @Test
    void withNothingAheadItIsTheClocksNextStamp() {
        assertThat(OrganizerStamp.after(clock(), new Hlc(NOW - 1, 0, "door-1")))
                .isEqualTo(new Hlc(NOW, 0, "server-1"));
    }

    @Test
    void aStampAheadWithinTheDriftPullsTheClockPastIt() {
        HybridLogicalClock clock = clock();
        Hlc ahead = new Hlc(NOW + 60_000, 3, "door-1");

        assertThat(OrganizerStamp.after(clock, ahead)).isEqualTo(new Hlc(NOW + 60_000, 4, "server-1"));
        assertThat(clock.now().isAfter(ahead)).isTrue();
    }

    @Test
    void aStampFurtherAheadThanTheClockFollowsIsStillPassed() {
        Hlc nextYear = new Hlc(NOW + Duration.ofDays(365).toMillis(), 0, "door-1");

        HybridLogicalClock clock = clock();

        assertThat(OrganizerStamp.after(clock, nextYear).isAfter(nextYear)).isTrue();
        assertThat(clock.now().wall()).as("the server's own clock is not dragged a year ahead")
                .isLessThanOrEqualTo(NOW + Duration.ofMinutes(5).toMillis());
    }
}
