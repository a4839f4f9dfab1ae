package dev.lanyard.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.merge.ParticipantDay;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FanoutLatencyTest {
    @Test
    void aProbeCountsOncePerOtherDoorAndNeverAtItsOwnDoor() {
        FanoutLatency latency = new FanoutLatency();
        UUID probe = UUID.randomUUID();
        latency.started(probe, 1);
        List<ParticipantDay> keys = List.of(new ParticipantDay(probe, LocalDate.of(2026, 12, 2)));
        latency.listenerFor(1).checkInsChanged(UUID.randomUUID(), keys);
        latency.listenerFor(2).checkInsChanged(UUID.randomUUID(), keys);
        latency.listenerFor(2).checkInsChanged(UUID.randomUUID(), keys);
        latency.listenerFor(3).checkInsChanged(UUID.randomUUID(),
                List.of(new ParticipantDay(UUID.randomUUID(), LocalDate.of(2026, 12, 2))));

        assertThat(latency.samples()).isEqualTo(1);
        assertThat(latency.unseen(3)).as("door 3 has not seen it").isEqualTo(1);
        assertThat(latency.quantileMs(0.99)).isGreaterThanOrEqualTo(0);
    }

    @Test
    void withoutSamplesTheQuantileIsNotANumber() {
        assertThat(new FanoutLatency().quantileMs(0.5)).isNaN();
    }
}
