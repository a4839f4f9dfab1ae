package dev.lanyard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.protocol.PairingCodeResponse;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.support.SettableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets a JSON error naming the problem, changes nothing, and the server keeps serving. */
class BadInputTest {
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    @TempDir
    Path dir;
    private Fixture f;
    private long feedBefore;
    /** Moved by hand: a code expires because the clock passed its lifetime, not because the test slept. */
    private final SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

    @BeforeEach
    void start() {
        f = new Fixture(new LanyardServer(Backend.H2.config(dir).pairingCodeLifetime(CODE_LIFETIME).build(), clock)
                .start());
        feedBefore = f.server.feedReader().lastSeq(f.event.id());
    }

    @AfterEach
    void stillServingAndNothingChanged() {
        assertThat(f.anonymous.get("/health").status()).isEqualTo(200);
        assertThat(f.server.feedReader().lastSeq(f.event.id())).isEqualTo(feedBefore);
        f.close();
    }

    private static void assertError(Api.Res res, int status, String messagePart) {
        assertThat(res.status()).as(res.body()).isEqualTo(status);
        assertThat(res.json().get("error").asText()).isNotBlank();
        assertThat(res.json().get("message").asText()).contains(messagePart);
    }

    @Test
    void malformedJson() {
        assertError(f.operator.post(f.eventPath() + "/ops", "{\"ops\": [ {\"opId\": "), 400, "malformed JSON");
    }

    @Test
    void wrongTypeNamesTheField() {
        assertError(
                f.organizer.post("/api/v1/events",
                "{\"name\":\"X\",\"startDate\":\"2026-01-01\",\"endDate\":\"2026-01-02\","
                + "\"timezone\":\"UTC\",\"capacity\":\"many\"}"), 400, "capacity");
    }

    @Test
    void anEventDatedPastTheYear9999IsRefused() {
        assertError(f.organizer.post("/api/v1/events",
                "{\"name\":\"X\",\"startDate\":\"+999000000-01-01\",\"endDate\":\"+999000000-01-01\","
                + "\"timezone\":\"UTC\"}"), 400, "startDate");
    }

    @Test
    void aRetentionBeyondAHundredYearsIsRefused() {
        assertError(f.organizer.post("/api/v1/events",
                "{\"name\":\"X\",\"startDate\":\"2026-01-01\",\"endDate\":\"2026-01-02\","
                + "\"timezone\":\"UTC\",\"retentionDays\":2147483647}"), 400, "retentionDays");
    }

    @Test
    void aChoiceOptionLongerThanALabelIsRefused() {
        assertError(f.organizer.post("/api/v1/events",
                "{\"name\":\"X\",\"startDate\":\"2026-01-01\",\"endDate\":\"2026-01-02\",\"timezone\":\"UTC\","
                + "\"formFields\":[{\"id\":\"size\",\"label\":\"Size\",\"type\":\"choice\",\"required\":false,"
                + "\"options\":[\""
                + "x".repeat(201) + "\"]}]}"), 400, "options");
    }

    @Test
    void opWithoutReadableIdFailsTheBatchNamingTheItem() {
        assertError(f.operator.post(f.eventPath() + "/ops", "{\"ops\":[{\"participantId\":\"x\"}]}"), 400, "ops[0]");
    }

    @Test
    void unknownEventIsNotFound() {
        assertError(f.admin.get("/api/v1/events/0190c6a0-0000-7000-8000-000000000000/changes"), 404, "event");
        assertError(f.admin.get("/api/v1/events/not-a-uuid"), 404, "id");
    }

    @Test
    void bodyOverEightMegabytesIs413() {
        byte[] big = new byte[8 * 1024 * 1024 + 10];
        java.util.Arrays.fill(big, (byte) ' ');
        assertError(f.operator.postBytes(f.eventPath() + "/ops", big, "application/json"), 413, "limit");
    }

    /**
     * Anyone on the venue's network may sign in or pair: 200 such requests at once, each bound as high as a push
     * (8 MB), would hold 1.6 GB, more than the heap the server ships with. None of them is longer than a line.
     */
    @Test
    void aSignInLongerThanAnySignInIsRefused() {
        assertError(f.anonymous.postBytes("/api/v1/auth/login", longJson("username"), "application/json"), 413,
                "limit");
    }

    @Test
    void aPairingLongerThanAnyPairingIsRefused() {
        assertError(f.anonymous.postBytes("/api/v1/devices/pair", longJson("code"), "application/json"), 413,
                "limit");
    }

    /** A well-formed object whose one field is 100 kB long. */
    private static byte[] longJson(String field) {
        return ("{\"" + field + "\": \"" + "a".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void invalidUtf8() {
        byte[] body = "{\"name\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertError(f.organizer.postBytes("/api/v1/events", body, "application/json"), 400, "UTF-8");
    }

    @Test
    void badQueryParameter() {
        assertError(f.operator.get(f.eventPath() + "/changes?after=minus-one"), 400, "after");
    }

    @Test
    void expiredPairingCode() {
        PairingCodeResponse code = f.server.admin().createPairingCode(f.event.id());
        clock.advance(CODE_LIFETIME);
        assertError(f.anonymous.post("/api/v1/devices/pair", Map.of("code", code.code())), 400, "expired");
    }

    @Test
    void reusedPairingCode() {
        LanyardServer server = new LanyardServer(Backend.H2.config(dir.resolve("b")).build()).start();
        try {
            var event = server.admin().createEvent(Fixture.eventInput("E"), "admin");
            PairingCodeResponse code = server.admin().createPairingCode(event.id());
            Api anon = new Api(server.baseUrl(), null);
            assertThat(anon.post("/api/v1/devices/pair", Map.of("code", code.code())).status()).isEqualTo(200);
            assertError(anon.post("/api/v1/devices/pair", Map.of("code", code.code())), 400, "already used");
        } finally {
            server.stop();
        }
    }

    @Test
    void unknownRouteIsJson404() {
        assertError(f.admin.get("/api/v1/nothing-here"), 404, "not found");
    }

    @Test
    void wrongPasswordIs401AndTooManyAttemptsAre429() {
        LanyardServer server = new LanyardServer(Backend.H2.config(dir.resolve("c")).build()).start();
        try {
            Api anon = new Api(server.baseUrl(), null);
            for (int i = 0; i < 6; i++) { // five free failures, then the sixth starts a lock-out
                assertError(anon.post("/api/v1/auth/login", Map.of("username", "mallory", "password", "guess" + i)),
                401, "wrong");
            }
            assertError(anon.post("/api/v1/auth/login", Map.of("username", "mallory", "password", "guess")), 429,
                    "too many");
        } finally {
            server.stop();
        }
    }
}
