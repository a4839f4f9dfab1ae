package dev.lanyard.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void isVersionSevenWithTheRfcVariant() {
        UUID id = Ids.newId();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void carriesItsCreationTime() {
        assertThat(Ids.epochMillisOf(new Ids.Generator(() -> 1_700_000_123_456L).next())).isEqualTo(1_700_000_123_456L);
        long now = System.currentTimeMillis();
        assertThat(Ids.epochMillisOf(Ids.newId())).isBetween(now - 1_000, now + 1_000);
    }

    @Test
    void idsStillIncreaseWhenTheClockStepsBack() {
        long[] now = {2_000_000_000_000L};
        Ids.Generator generator = new Ids.Generator(() -> now[0]);
        UUID before = generator.next();
        now[0] -= 60_000;
        UUID after = generator.next();

        assertThat(Long.compareUnsigned(after.getMostSignificantBits(), before.getMostSignificantBits())).isPositive();
    }

    @Test
    void idsMadeInOneMillisecondStillIncrease() {
        Ids.Generator generator = new Ids.Generator(() -> 2_000_000_000_000L);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(generator.next());
        }
        for (int i = 1; i < ids.size(); i++) {
            assertThat(Long.compareUnsigned(ids.get(i).getMostSignificantBits(),
                    ids.get(i - 1).getMostSignificantBits()))
                    .isPositive();
        }
    }
}
