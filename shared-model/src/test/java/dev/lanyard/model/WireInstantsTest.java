package dev.lanyard.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.model.json.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Instants in replicated records are bounded where they enter (a drawing's time, a scan attempt's). */
class WireInstantsTest {
    private static final String ATTEMPT = "{\"attemptId\":\"" + UUID.randomUUID() + "\",\"ticketCode\":\"NOPE\","
            + "\"day\":\"2026-05-20\",\"outcome\":\"unknown_code\",\"deviceId\":\"door-1\",\"at\":\"%s\"}";

    @Test
    void aScanAttemptStampedInTheYearOneBillionIsRefused() {
        assertThatThrownBy(() -> Json.read(ATTEMPT.formatted("+1000000000-12-31T23:59:59Z"), ScanAttempt.class))
                .hasMessageContaining("at must be between 1970 and 9999");
    }

    @Test
    void aScanAttemptStampedBeforeTheEpochIsRefused() {
        assertThatThrownBy(() -> Json.read(ATTEMPT.formatted("1969-12-31T23:59:59Z"), ScanAttempt.class))
                .hasMessageContaining("at must be between 1970 and 9999");
    }

    @Test
    void aScanAttemptOfOurCenturyIsTaken() {
        ScanAttempt attempt = Json.read(ATTEMPT.formatted("2026-05-20T10:00:00Z"), ScanAttempt.class);

        assertThat(attempt.at()).isEqualTo(Instant.parse("2026-05-20T10:00:00Z"));
        assertThat(attempt.day()).isEqualTo(LocalDate.of(2026, 5, 20));
    }

    @Test
    void aDrawingDrawnInTheYearTenThousandIsRefused() {
        assertThatThrownBy(() -> Require.instant(Instant.parse("+10000-01-01T00:00:00Z"), "drawnAt"))
                .hasMessageContaining("drawnAt must be between 1970 and 9999");
    }
}
