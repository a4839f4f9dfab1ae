package dev.lanyard.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.model.json.Json;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Instants from the wire are bounded where they enter (a drawing's time, a scan attempt's), not where they load. */
class WireInstantsTest {
    @Test
    void anInstantInTheYearOneBillionIsRefused() {
        assertThatThrownBy(() -> Require.instant(Instant.parse("+1000000000-12-31T23:59:59Z"), "at"))
                .hasMessageContaining("at must be between 1970 and 9999");
    }

    @Test
    void anInstantBeforeTheEpochIsRefused() {
        assertThatThrownBy(() -> Require.instant(Instant.parse("1969-12-31T23:59:59Z"), "at"))
                .hasMessageContaining("at must be between 1970 and 9999");
    }

    @Test
    void anInstantInTheYearTenThousandIsRefused() {
        assertThatThrownBy(() -> Require.instant(Instant.parse("+10000-01-01T00:00:00Z"), "drawnAt"))
                .hasMessageContaining("drawnAt must be between 1970 and 9999");
    }

    @Test
    void anInstantOfOurCenturyIsTaken() {
        assertThat(Require.instant(Instant.parse("2026-05-20T10:00:00Z"), "at"))
                .isEqualTo(Instant.parse("2026-05-20T10:00:00Z"));
    }

    /** A record stored before the bound (the server took such stamps) must still load, or nothing reading it does. */
    @Test
    void aStoredScanAttemptBeyondTheBoundStillLoads() {
        String stored = "{\"attemptId\":\"" + UUID.randomUUID() + "\",\"ticketCode\":\"NOPE\",\"day\":\"2026-05-20\","
                + "\"outcome\":\"unknown_code\",\"deviceId\":\"door-1\",\"at\":\"+100000-01-01T00:00:00Z\"}";

        assertThat(Json.read(stored, ScanAttempt.class).at()).isEqualTo(Instant.parse("+100000-01-01T00:00:00Z"));
    }
}
