package dev.lanyard.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.json.Json;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ObservedIdsTest {
    // UUID compares each half signed: low's high half is negative, mid's low half is
    private final UUID low = new UUID(0x8000_0000_0000_0000L, 5);
    private final UUID mid = new UUID(7, -1);
    private final UUID high = new UUID(7, 3);

    @Test
    void iteratesInTheOrderUuidsCompare() {
        assertThat(ObservedIds.of(Set.of(high, low, mid))).containsExactly(low, mid, high);
        List<UUID> byCompare = new ArrayList<>(List.of(high, low, mid));
        byCompare.sort(null);
        assertThat(ObservedIds.of(new HashSet<>(byCompare))).containsExactlyElementsOf(byCompare);
    }

    @Test
    void findsEveryIdItHoldsAndNoOther() {
        UUID[] ids = new UUID[40];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = Ids.newId();
        }
        Set<UUID> observed = ObservedIds.of(Arrays.asList(ids).subList(0, 20));
        for (int i = 0; i < ids.length; i++) {
            assertThat(observed.contains(ids[i])).as("id %d", i).isEqualTo(i < 20);
        }
        assertThat(observed.contains("not an id")).isFalse();
    }

    @Test
    void holdsAnIdGivenTwiceOnce() {
        assertThat(ObservedIds.of(Arrays.asList(mid, low, mid))).hasSize(2).containsExactly(low, mid);
    }

    @Test
    void equalsAnySetOfTheSameIds() {
        assertThat(ObservedIds.of(Set.of(low, mid))).isEqualTo(Set.of(mid, low)).hasSameHashCodeAs(Set.of(mid, low));
        assertThat(ObservedIds.of(List.of())).isEqualTo(Set.of()).isEmpty();
    }

    @Test
    void cannotBeChanged() {
        Set<UUID> observed = ObservedIds.of(Set.of(low, mid));
        assertThatThrownBy(() -> observed.add(high)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> observed.remove(low)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(observed::clear).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesANullId() {
        assertThatThrownBy(() -> ObservedIds.of(Arrays.asList(low, null))).isInstanceOf(NullPointerException.class);
    }

    @Test
    void anOpsObservedIdsTravelSortedAndComeBackEqual() {
        CheckInOp undo = CheckInOp.undo(Ids.newId(), Ids.newId(), LocalDate.of(2026, 12, 6), Set.of(mid, high, low),
                new Hlc(1, 0, "door-1"), null);
        String json = Json.write(undo);
        assertThat(json).contains("\"observed\":[\"" + low + "\",\"" + mid + "\",\"" + high + "\"]");
        assertThat(Json.read(json, CheckInOp.class)).isEqualTo(undo);
    }
}
