package dev.lanyard.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.Event;
import dev.lanyard.model.EventHours;
import dev.lanyard.model.protocol.EventInput;
import dev.lanyard.model.protocol.PairResponse;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.support.SettableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's threshold alerts on a real server (H2 file) with a recording mailer: each condition, and at most one
 * mail per condition per hour, also across a restart. The real SMTP delivery is the mail outbox's test.
 */
class HostAlertsTest {
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    /** 08:00 in Seoul on the first event day; the doors open at 09:00. */
    private static final Instant EIGHT = Fixture.DAY1.atTime(8, 0).atZone(SEOUL).toInstant();
    private static final String HOST = "host@example.org";
    @TempDir
    Path dir;
    final SettableClock clock = new SettableClock(EIGHT);
    final List<String> mailed = new CopyOnWriteArrayList<>();
    final AlertMailer recording = (to, subject, body) -> mailed.add(to + " | " + subject);

    /**
     * The door conditions only: on a loaded test machine the real requests of a test can really take a p99 over a
     * second, which is the API condition's business, tested on its own below.
     */
    private static List<Alert> doors(List<Alert> alerts) {
        return alerts.stream().filter(a -> !a.key().equals("api-p99")).toList();
    }

    private List<String> doorMails() {
        return mailed.stream().filter(m -> !m.contains("API p99")).toList();
    }
    Fixture f;
    LanyardServer restarted;
    Event event;

    @AfterEach
    void stop() {
        if (restarted != null) {
            restarted.stop();
        } else if (f != null) {
            f.close();
        }
    }

    private void start() {
        LanyardServer server = new LanyardServer(Backend.H2.config(dir).build(), clock).alertHost(HOST, recording);
        f = new Fixture(server.start());
        EventHours nineToSix = new EventHours(LocalTime.of(9, 0), LocalTime.of(18, 0));
        EventInput input = new EventInput("Seoul Summit", null, null, Fixture.DAY1, Fixture.DAY2, SEOUL, null, 500,
                null, null, null, null, null, null, nineToSix);
        event = f.server.admin().createEvent(input, "olga");
    }

    private LanyardServer restart() {
        f.close();
        restarted = new LanyardServer(Backend.H2.config(dir).build(), clock).alertHost(HOST, recording).start();
        return restarted;
    }

    @Test
    void aDoorReportingMoreThan1000WaitingItemsIsMailedOnceAnHour() throws Exception {
        start();
        Door door = pair("정문");
        door.request("1000");
        assertThat(doors(f.server.hostAlerts().check())).isEmpty();

        door.request("1001");
        assertThat(doors(f.server.hostAlerts().check())).extracting(Alert::key).containsExactly("queue:" + door.id);
        assertThat(doorMails()).singleElement().asString().startsWith(HOST + " | ").contains("정문", "1001");
        clock.advance(Duration.ofMinutes(59));
        door.request("1500");
        assertThat(doors(f.server.hostAlerts().check())).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(doors(f.server.hostAlerts().check())).extracting(Alert::key).containsExactly("queue:" + door.id);
        // a request without the header keeps the last count; a drained queue ends the condition
        clock.advance(Duration.ofHours(1));
        door.request(null);
        assertThat(doors(f.server.hostAlerts().crossed(clock.instant()))).hasSize(1);
        door.request("3");
        assertThat(doors(f.server.hostAlerts().crossed(clock.instant()))).isEmpty();
        assertThat(doorMails()).hasSize(2);
    }

    @Test
    void aDoorSilentFor10MinutesWhileTheDoorsAreOpenIsMailedOnceAnHourAcrossARestart() throws Exception {
        start();
        Door door = pair("Side");
        door.request(null);
        clock.advance(Duration.ofMinutes(69)); // 09:09: silent since 08:00, but the doors opened 9 minutes ago
        assertThat(doors(f.server.hostAlerts().check())).isEmpty();

        clock.advance(Duration.ofMinutes(1)); // 09:10
        assertThat(doors(f.server.hostAlerts().check())).extracting(Alert::key).containsExactly("silent:" + door.id);
        assertThat(doorMails()).singleElement().asString().contains("Side");

        LanyardServer again = restart();
        clock.advance(Duration.ofMinutes(15)); // 09:25, silent 15 minutes since the restart
        assertThat(doors(again.hostAlerts().crossed(clock.instant()))).extracting(Alert::key)
                .containsExactly("silent:" + door.id);
        assertThat(doors(again.hostAlerts().check())).as("mailed 15 minutes ago, before the restart").isEmpty();
        clock.advance(Duration.ofMinutes(45)); // 10:10
        assertThat(doors(again.hostAlerts().check())).hasSize(1);
        assertThat(doorMails()).hasSize(2);
    }

    @Test
    void aDoorHeardRecentlyOrOutsideTheHoursOrRevokedIsNotSilent() throws Exception {
        start();
        Door heard = pair("Heard");
        Door revoked = pair("Revoked");
        clock.advance(Duration.ofMinutes(65)); // 09:05
        heard.request(null);
        f.server.admin().revokeDevice(revoked.id);
        clock.advance(Duration.ofMinutes(9)); // 09:14
        assertThat(doors(f.server.hostAlerts().crossed(clock.instant()))).isEmpty();

        clock.advance(Duration.ofMinutes(1)); // 09:15
        assertThat(doors(f.server.hostAlerts().crossed(clock.instant()))).extracting(Alert::key)
                .containsExactly("silent:" + heard.id);
        clock.advance(Duration.ofHours(9)); // 18:15, doors closed
        assertThat(doors(f.server.hostAlerts().crossed(clock.instant()))).isEmpty();
    }

    @Test
    void anApiP99OverOneSecondIsMailedOnceAnHour() {
        start();
        for (int i = 0; i < 200; i++) {
            Duration took = Duration.ofMillis(i < 190 ? 20 : 2_500);
            f.server.metrics().request("GET", "/api/v1/events/{id}/changes", 200, took);
        }

        assertThat(f.server.metrics().p99Seconds()).isGreaterThan(1.0);
        assertThat(f.server.hostAlerts().check()).extracting(Alert::key).containsExactly("api-p99");
        assertThat(f.server.hostAlerts().check()).isEmpty();
        assertThat(mailed).singleElement().asString().contains("p99");
    }

    @Test
    void withoutAnAddressNothingIsChecked() {
        f = new Fixture(new LanyardServer(Backend.H2.config(dir).build(), clock).start());
        assertThat(f.server.hostAlerts()).isNull();
    }

    /** A paired door that makes real requests, saying how much it has waiting. */
    private record Door(UUID id, String token, String base, String eventPath) {
        void request(String pending) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + eventPath + "/changes?after=0"))
                    .header("Authorization", "Bearer " + token);
            if (pending != null) {
                request.header(DoorActivity.PENDING_HEADER, pending);
            }
            HttpResponse<String> res = HttpClient.newHttpClient()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).isEqualTo(200);
        }
    }

    private Door pair(String name) {
        String code = f.server.admin().createPairingCode(event.id()).code();
        PairResponse paired = f.anonymous.post("/api/v1/devices/pair", Map.of("code", code, "deviceName", name))
                .as(PairResponse.class);
        return new Door(paired.deviceId(), paired.token(), f.server.baseUrl(), "/api/v1/events/" + event.id());
    }
}
