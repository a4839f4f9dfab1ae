package dev.lanyard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.Ids;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.PairResponse;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operational behaviour: metrics, gzip bootstrap, token lifetime, device scope, operator assignment. */
class OperationsTest {
    @TempDir
    Path dir;

    @Test
    void metricsReportRequestsIngestedOpsConnectionsAndFeedLag() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            f.operator.post(f.eventPath() + "/ops", PushRequest.ofOps(null, List.of(
                    Fixture.checkIn(Ids.newId(), Fixture.DAY1, Set.of(), new Hlc(1, 0, "door")))));
            String metrics = f.anonymous.get("/metrics").body();
            assertThat(metrics).contains("lanyard_ops_ingested_total{status=\"accepted\"} 1.0")
                    .contains("lanyard_http_requests_seconds").contains("lanyard_websocket_connections")
                    .contains("lanyard_feed_lag_ms");
            assertThat(f.anonymous.get("/health").json().get("database").get("status").asText()).isEqualTo("UP");
        }
    }

    @Test
    void eachRequestIsTimedUnderItsRoute() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            f.operator.post(f.eventPath() + "/ops", PushRequest.ofOps(null, List.of(
                    Fixture.checkIn(Ids.newId(), Fixture.DAY1, Set.of(), new Hlc(1, 0, "door")))));
            f.anonymous.get("/nowhere");

            assertThat(f.anonymous.get("/metrics").body())
                    .contains("route=\"/api/v1/events/{id}/ops\",status=\"200\"")
                    .contains("route=\"unmatched\",status=\"404\"");
        }
    }

    @Test
    void bootstrapFromZeroIsGzipCompressedWhenTheClientAcceptsIt() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            for (int i = 0; i < 50; i++) {
                f.server.admin().addParticipant(f.event.id(), Map.of("name", "Participant number " + i, "company",
                        "Company"));
            }
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(f.server.baseUrl() + f.eventPath() + "/changes?after=0&limit=100000"))
                    .header("Authorization", "Bearer " + f.server.admin().tokenFor("olga"))
                    .header("Accept-Encoding", "gzip").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.headers().firstValue("Content-Encoding")).contains("gzip");
            try (InputStream in = new GZIPInputStream(response.body())) {
                var page = dev.lanyard.model.json.Json.mapper().readTree(in);
                assertThat(page.get("changes")).hasSize(51);
                assertThat(page.get("lastSeq").asLong()).isEqualTo(51);
            }
        }
    }

    @Test
    void anExpiredUserTokenIsRefused() {
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.now());
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return now.get();
            }
        };
        try (LanyardServer server = new LanyardServer(Backend.H2.config(dir).userTokenLifetime(Duration.ofMinutes(10))
                .build(), clock).start()) {
            server.admin().createUser("olga", "organizer-password", Set.of(dev.lanyard.model.Role.ORGANIZER));
            Api api = new Api(server.baseUrl(), server.admin().tokenFor("olga"));
            now.set(now.get().plus(Duration.ofMinutes(9)));
            assertThat(api.get("/api/v1/events").status()).isEqualTo(200);
            now.set(now.get().plus(Duration.ofMinutes(2))); // past the lifetime
            assertThat(api.get("/api/v1/events").status()).isEqualTo(401);
        }
    }

    @Test
    void aDeviceSeesOnlyTheEventItWasPairedFor() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            var other = f.server.admin().createEvent(Fixture.eventInput("Other"), "olga");
            var code = f.server.admin().createPairingCode(f.event.id());
            PairResponse device = f.anonymous.post("/api/v1/devices/pair",
                    Map.of("code", code.code(), "deviceName", "Door")).as(PairResponse.class);
            Api door = f.anonymous.as(device.token());
            assertThat(device.events()).extracting(e -> e.id()).containsExactly(f.event.id());
            assertThat(door.get("/api/v1/events").json()).hasSize(1);
            assertThat(door.post("/api/v1/events/" + other.id() + "/ops", PushRequest.ofOps(null, List.of())).status())
                    .isEqualTo(404);
            assertThat(door.get("/api/v1/events/" + other.id() + "/changes").status()).isEqualTo(404);
        }
    }

    @Test
    void assigningAnUnknownUserAsOperatorIsNotFound() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            assertThat(f.organizer.put(f.eventPath() + "/operators/ghost", null).status()).isEqualTo(404);
            assertThat(f.organizer.get(f.eventPath() + "/operators").json().get("operators"))
                    .extracting(n -> n.asText()).containsExactly("oscar");
        }
    }

    @Test
    void statsCountCheckedInAndDuplicateAdmissionsPerDay() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            var kim = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Kim")).id();
            var lee = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Lee")).id();
            f.server.admin().addParticipant(f.event.id(), Map.of("name", "Park", "registrationStatus", "cancelled"));
            f.operator.post(f.eventPath() + "/ops", PushRequest.ofOps(null, List.of(
                    Fixture.checkIn(kim, Fixture.DAY1, Set.of(), new Hlc(1, 0, "door-1")),
                    Fixture.checkIn(kim, Fixture.DAY1, Set.of(), new Hlc(2, 0, "door-2")),
                    Fixture.checkIn(lee, Fixture.DAY2, Set.of(), new Hlc(3, 0, "door-1")))));

            var stats = f.auditor.get(f.eventPath() + "/stats").json();

            assertThat(stats.get("participants").asInt()).isEqualTo(3);
            assertThat(stats.get("registered").asInt()).isEqualTo(2);
            assertThat(stats.get("checkedIn").get(Fixture.DAY1.toString()).asInt()).isEqualTo(1);
            assertThat(stats.get("checkedIn").get(Fixture.DAY2.toString()).asInt()).isEqualTo(1);
            assertThat(stats.get("duplicateAdmissions").get(Fixture.DAY1.toString()).asInt()).isEqualTo(1);
        }
    }
}
