package dev.lanyard.kiosk.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FailuresTest {
    @Test
    void aFailedFuturesWrapperIsTakenOff() {
        IllegalStateException inner = new IllegalStateException("event is closed");
        assertThat(Failures.cause(new CompletionException(inner))).isSameAs(inner);
        assertThat(Failures.reason(new CompletionException(inner))).isEqualTo("event is closed");
    }

    @Test
    void aFailureWithoutAMessageIsToldByItsType() {
        assertThat(Failures.reason(new NullPointerException())).isEqualTo("java.lang.NullPointerException");
    }

    @Test
    void anUnwrappedFailureIsItself() {
        IllegalArgumentException plain = new IllegalArgumentException("bad code");
        assertThat(Failures.cause(plain)).isSameAs(plain);
    }
}
