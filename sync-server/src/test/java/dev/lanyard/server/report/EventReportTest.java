package dev.lanyard.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Ids;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.OpStatus;
import dev.lanyard.model.protocol.PairResponse;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.model.protocol.PushResponse;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The organizer's summary of an event whose check-ins two paired doors pushed to a real server (H2 file):
 * counts per day and per door, no-shows, duplicate admissions, walk-ins, and arrivals per 15 minutes in Seoul time.
 */
class EventReportTest {
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    @TempDir
    Path dir;
    Fixture f;
    Door front;
    Door side;
    UUID ahn;
    UUID baek;
    UUID choi;
    UUID doh;
    UUID eom;
    UUID walkIn;

    record Door(String id, Api api) {
    }

    @BeforeEach
    void checkInThroughTwoDoors() {
        f = new Fixture(Backend.H2, dir);
        front = pair("정문 Front");
        side = pair("Side door");
        ahn = person("안");
        baek = person("백");
        choi = person("최");
        doh = person("도");
        eom = person("엄"); // registered, never comes
        walkIn = Ids.newId();
        LocalDate day1 = Fixture.DAY1;
        push(front, List.of(checkIn(front, ahn, day1, "09:03"), checkIn(front, baek, day1, "09:14"),
                checkIn(front, choi, day1, "09:16")), List.of());
        // the side door admits Baek too, without having seen the front door's admission: a duplicate admission
        push(side, List.of(checkIn(side, baek, day1, "09:14:30"), checkIn(side, doh, day1, "09:20"),
                checkIn(side, walkIn, day1, "09:40"), checkIn(side, ahn, Fixture.DAY2, "10:00")),
                List.of(ParticipantPatch.of(null, walkIn, Map.of("name", "Walk In", "source", "walk_in"),
                        hlc(side, day1, "09:39"))));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void countsPerDayAndDoorNoShowsDuplicatesAndWalkIns() {
        JsonNode report = f.organizer.get(f.eventPath() + "/report").json();

        assertThat(report.get("participants").asInt()).isEqualTo(6);
        assertThat(report.get("registered").asInt()).isEqualTo(6);
        assertThat(report.get("checkedIn").asInt()).isEqualTo(5);
        assertThat(report.get("noShows").asInt()).isEqualTo(1);
        assertThat(report.get("duplicateAdmissions").asInt()).isEqualTo(1);
        assertThat(report.get("walkIns").asInt()).isEqualTo(1);
        assertThat(report.get("doors").get(front.id).asText()).isEqualTo("정문 Front");
        assertThat(report.get("doors").get(side.id).asText()).isEqualTo("Side door");
        JsonNode day1 = report.get("days").get(0);
        assertThat(day1.get("day").asText()).isEqualTo("2026-05-20");
        assertThat(day1.get("checkedIn").asInt()).isEqualTo(5);
        assertThat(day1.get("noShows").asInt()).isEqualTo(1);
        assertThat(day1.get("duplicateAdmissions").asInt()).isEqualTo(1);
        assertThat(day1.get("walkIns").asInt()).isEqualTo(1);
        // Baek counts for the door that admitted him first
        assertThat(day1.get("byDoor").get(front.id).asInt()).isEqualTo(3);
        assertThat(day1.get("byDoor").get(side.id).asInt()).isEqualTo(2);
        JsonNode day2 = report.get("days").get(1);
        assertThat(day2.get("checkedIn").asInt()).isEqualTo(1);
        assertThat(day2.get("noShows").asInt()).isEqualTo(5);
        assertThat(day2.get("byDoor").get(side.id).asInt()).isEqualTo(1);
    }

    @Test
    void arrivalsAreBucketedPer15MinutesInTheEventsTimeZone() {
        JsonNode arrivals = f.auditor.get(f.eventPath() + "/report").json().get("arrivals");

        assertThat(arrivals).hasSize(4);
        assertBucket(arrivals.get(0), "2026-05-20T09:00", Map.of(front.id, 2));
        assertBucket(arrivals.get(1), "2026-05-20T09:15", Map.of(front.id, 1, side.id, 1));
        assertBucket(arrivals.get(2), "2026-05-20T09:30", Map.of(side.id, 1));
        assertBucket(arrivals.get(3), "2026-05-21T10:00", Map.of(side.id, 1));
    }

    /**
     * One panel per calendar date with an arrival and one legend entry per door: a door's stamps, or a season of a
     * year, made a chart of 400 panels (a 350 MB image) and ran the server out of memory. Found by a review.
     */
    @Test
    void theArrivalsChartDrawsABoundedNumberOfDaysAndDoors() throws Exception {
        java.util.Map<String, String> doors = new java.util.LinkedHashMap<>();
        List<EventSummary.Arrivals> arrivals = new java.util.ArrayList<>();
        java.time.LocalDateTime start = java.time.LocalDateTime.of(2025, 1, 1, 9, 0);
        for (int day = 0; day < 400; day++) {
            String door = "door-" + (day % 100);
            doors.put(door, "문 " + (day % 100));
            arrivals.add(new EventSummary.Arrivals(start.plusDays(day), Map.of(door, 1 + day % 7)));
        }
        EventSummary summary = new EventSummary(java.util.UUID.randomUUID(), "Season", "Asia/Seoul",
                java.time.Instant.now(), 400, 400, 400, 0, 0, 0, doors, List.of(), arrivals);

        byte[] png = ArrivalsChart.png(summary);
        Files.write(Path.of(System.getProperty("java.io.tmpdir"), "lanyard-arrivals-bounded.png"), png);
        BufferedImage chart = ImageIO.read(new ByteArrayInputStream(png));

        assertThat(chart.getWidth()).isEqualTo(ArrivalsChart.WIDTH);
        assertThat(chart.getHeight()).as("fourteen days and six legend rows at most").isLessThanOrEqualTo(4_000);
    }

    @Test
    void theArrivalsChartIsAPngWithAPanelPerDayAndBarsPerDoor() throws Exception {
        HttpResponse<byte[]> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(f.server.baseUrl() + f.eventPath() + "/report/arrivals.png"))
                        .header("Authorization", "Bearer " + f.operator.token()).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(res.statusCode()).isEqualTo(200);
        // Jetty adds a charset to every type it is given; a PNG reader ignores it
        assertThat(res.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/png");
        Files.write(Path.of(System.getProperty("java.io.tmpdir"), "lanyard-arrivals.png"), res.body());
        BufferedImage chart = ImageIO.read(new ByteArrayInputStream(res.body()));
        assertThat(chart).isNotNull();
        assertThat(chart.getWidth()).isEqualTo(ArrivalsChart.WIDTH);
        assertThat(chart.getHeight()).isGreaterThan(2 * 240);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < chart.getHeight(); y += 2) {
            for (int x = 0; x < chart.getWidth(); x += 2) {
                colours.add(chart.getRGB(x, y) & 0xffffff);
            }
        }
        // both doors' bar colours are drawn, and text (antialiased) besides
        assertThat(colours).contains(0x1f77b4, 0xff7f0e);
        assertThat(colours.size()).isGreaterThan(20);
    }

    @Test
    void theCheckInCsvForTheMailerIsTheExportWithAByteOrderMark() {
        byte[] csv = f.server.reports().checkInsCsv(f.event, EventReports.MAX_ATTACHED_CSV_BYTES).orElseThrow();

        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFparticipantId,");
        assertThat(text.lines()).hasSize(1 + 6);
        assertThat(text).contains("백");
    }

    /**
     * The summary mail built the whole check-in list three times over in memory (as text, as a string, as bytes):
     * hundreds of megabytes at a big event's end, for an attachment no mail server would take. Found by a review.
     */
    @Test
    void aCheckInCsvLongerThanAMailTakesIsNotBuilt() {
        int whole = f.server.reports().checkInsCsv(f.event, EventReports.MAX_ATTACHED_CSV_BYTES).orElseThrow().length;

        assertThat(f.server.reports().checkInsCsv(f.event, whole - 1)).isEmpty();
        assertThat(f.server.reports().checkInsCsv(f.event, whole)).isPresent();
    }

    @Test
    void theJavaApiGivesTheSameSummaryAsTheRoute() {
        EventSummary summary = f.server.reports().summarize(f.event.id());

        assertThat(summary.checkedIn()).isEqualTo(5);
        assertThat(summary.arrivals()).extracting(EventSummary.Arrivals::total).containsExactly(2, 2, 1, 1);
        assertThat(ImageIOReadable.of(f.server.reports().arrivalsChartPng(summary))).isTrue();
    }

    private static final class ImageIOReadable {
        static boolean of(byte[] png) {
            try {
                return ImageIO.read(new ByteArrayInputStream(png)) != null;
            } catch (java.io.IOException e) {
                return false;
            }
        }
    }

    private static void assertBucket(JsonNode bucket, String start, Map<String, Integer> byDoor) {
        assertThat(bucket.get("start").asText()).startsWith(start);
        assertThat(bucket.get("byDoor").size()).isEqualTo(byDoor.size());
        byDoor.forEach((door, n) -> assertThat(bucket.get("byDoor").get(door).asInt()).as(start + " " + door)
                .isEqualTo(n));
    }

    private Door pair(String name) {
        String code = f.server.admin().createPairingCode(f.event.id()).code();
        PairResponse paired = f.anonymous.post("/api/v1/devices/pair", Map.of("code", code, "deviceName", name))
                .as(PairResponse.class);
        return new Door(paired.deviceId().toString(), f.anonymous.as(paired.token()));
    }

    private UUID person(String name) {
        return f.server.admin().addParticipant(f.event.id(), Map.of("name", name)).id();
    }

    private void push(Door door, List<CheckInOp> ops, List<ParticipantPatch> patches) {
        PushRequest request = new PushRequest(door.id, ops, patches, List.of(), List.of());
        PushResponse answer = door.api.post(f.eventPath() + "/ops", request).as(PushResponse.class);
        assertThat(answer.results()).extracting(r -> r.status()).containsOnly(OpStatus.ACCEPTED);
    }

    private static CheckInOp checkIn(Door door, UUID participant, LocalDate day, String time) {
        return Fixture.checkIn(participant, day, Set.of(), hlc(door, day, time));
    }

    private static Hlc hlc(Door door, LocalDate day, String time) {
        return new Hlc(day.atTime(LocalTime.parse(time)).atZone(SEOUL).toInstant().toEpochMilli(), 0, door.id);
    }
}
