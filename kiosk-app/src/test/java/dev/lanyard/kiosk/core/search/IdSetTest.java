package dev.lanyard.kiosk.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdSetTest {
    @Test
    void holdsItsIdsAndNoOthersEvenWhenTheyShareAHalf() {
        List<UUID> ids = new ArrayList<>();
        for (long i = 0; i < 1_000; i++) {
            ids.add(new UUID(7, i));
        }
        IdSet set = new IdSet(ids);
        for (UUID id : ids) {
            assertThat(set.contains(id.getMostSignificantBits(), id.getLeastSignificantBits())).isTrue();
        }
        assertThat(set.contains(7, 1_000)).isFalse();
        assertThat(set.contains(8, 1)).isFalse();
        assertThat(set.contains(1, 7)).isFalse();
    }

    @Test
    void anEmptySetHoldsNothing() {
        assertThat(new IdSet(List.of()).contains(0, 0)).isFalse();
    }
}
