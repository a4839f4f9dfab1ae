package dev.lanyard.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.ChangeType;
import org.junit.jupiter.api.Test;

/** A value this version does not know is told apart from one that is wrong in itself (ADR 0336). */
class WireEnumTest {
    @Test
    void aValueThisVersionDoesNotKnowIsAnUnknownWireValue() {
        assertThatThrownBy(() -> CheckInAction.from("teleport")).isInstanceOf(UnknownWireValueException.class)
                .hasMessageContaining("teleport");
    }

    @Test
    void aMissingValueIsNotAnUnknownOne() {
        assertThatThrownBy(() -> ChangeType.from(null)).isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(UnknownWireValueException.class);
    }

    @Test
    void anUnknownValueIsFoundInsideTheErrorOfTheRecordThatCarriesIt() {
        Throwable thrown = catchFrom(() -> Json.read("{\"action\":\"teleport\"}", ActionHolder.class));
        assertThat(WireEnum.namesUnknownValue(thrown)).isTrue();
    }

    @Test
    void anyOtherErrorDoesNotNameAnUnknownValue() {
        assertThat(WireEnum.namesUnknownValue(new IllegalArgumentException("day is not an event day"))).isFalse();
        assertThat(WireEnum.namesUnknownValue(catchFrom(() -> Json.read("{\"action\":", ActionHolder.class))))
                .isFalse();
    }

    record ActionHolder(CheckInAction action) {
    }

    private static Throwable catchFrom(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("nothing was thrown");
    }
}
