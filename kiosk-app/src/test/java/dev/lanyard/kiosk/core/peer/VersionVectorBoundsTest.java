package dev.lanyard.kiosk.core.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a peer's vector may be where it enters (ADR 0352): as many origins as an event could have doors, device ids. */
class VersionVectorBoundsTest {
    @Test
    void aPeersVectorNamingMoreOriginsThanTheCapIsRefused() {
        Map<String, Long> counts = origins(VersionVector.MAX_ORIGINS + 1, 8);

        assertThatThrownBy(() -> VersionVector.fromPeer(counts)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most " + VersionVector.MAX_ORIGINS);
    }

    @Test
    void aPeersVectorAtTheCapOfDeviceIdsIsTaken() {
        Map<String, Long> counts = origins(VersionVector.MAX_ORIGINS, VersionVector.MAX_ORIGIN_LENGTH);

        assertThat(VersionVector.fromPeer(counts).asMap()).hasSize(VersionVector.MAX_ORIGINS);
    }

    @Test
    void anOriginLongerThanADeviceIdIsRefused() {
        String origin = "o".repeat(VersionVector.MAX_ORIGIN_LENGTH + 1);

        assertThatThrownBy(() -> VersionVector.fromPeer(Map.of(origin, 1L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("device id");
    }

    @Test
    void noCountMovesForwardForAnOriginLongerThanADeviceId() {
        // what receiving an item does with its origin: a door cannot slip a long name in through an item either
        String origin = "o".repeat(VersionVector.MAX_ORIGIN_LENGTH + 1);

        assertThatThrownBy(() -> VersionVector.EMPTY.with(origin, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("device id");
    }

    /** {@code n} origins of {@code length} characters, each with one item. */
    static Map<String, Long> origins(int n, int length) {
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String name = Integer.toString(i, 36);
            counts.put("0".repeat(length - name.length()) + name, 1L);
        }
        return counts;
    }
}
