package dev.lanyard.server.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.EventHours;
import dev.lanyard.model.Location;
import dev.lanyard.model.LocationType;
import dev.lanyard.model.protocol.EventInput;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public calendar link, read over HTTP as a calendar app reads it, and parsed with ical4j. */
class CalendarLinkTest {
    private static final EventHours NINE_TO_SIX = new EventHours(LocalTime.of(9, 0), LocalTime.of(18, 0));
    @TempDir
    Path dir;
    Fixture f;

    @BeforeEach
    void start() {
        f = new Fixture(Backend.H2, dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void consecutiveDaysMakeOneEntryWithTimezoneAlarmPlaceAndLink() throws Exception {
        LocalDate day3 = Fixture.DAY1.plusDays(2);
        JsonNode event = create(input(List.of(Fixture.DAY1, Fixture.DAY2, day3), NINE_TO_SIX));
        String url = event.get("calendarUrl").asText();

        Api.Res res = f.anonymous.get(pathOf(url));

        assertThat(res.status()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("text/calendar; charset=utf-8");
        Calendar calendar = parse(res.body());
        assertThat(calendar.getComponents(Component.VTIMEZONE)).hasSize(1);
        assertThat(value(calendar.getComponents(Component.VTIMEZONE).get(0), Property.TZID)).isEqualTo("Asia/Seoul");
        List<VEvent> entries = calendar.getComponents(Component.VEVENT);
        assertThat(entries).hasSize(1);
        VEvent entry = entries.get(0);
        assertThat(value(entry, Property.DTSTART)).isEqualTo("20260520T090000");
        assertThat(entry.getProperty(Property.DTSTART).orElseThrow().getParameter("TZID").orElseThrow().getValue())
                .isEqualTo("Asia/Seoul");
        assertThat(value(entry, Property.DTEND)).isEqualTo("20260522T180000");
        assertThat(value(entry, Property.SUMMARY)).isEqualTo("서울 개발자 컨퍼런스");
        assertThat(value(entry, Property.LOCATION)).isEqualTo("코엑스 그랜드볼룸");
        assertThat(value(entry, Property.URL)).isEqualTo(url);
        assertThat(value(entry, Property.DTSTAMP)).endsWith("Z");
        List<VAlarm> alarms = entry.getAlarms();
        assertThat(alarms).hasSize(1);
        assertThat(value(alarms.get(0), Property.TRIGGER)).isEqualTo("-PT3H");
        assertThat(value(alarms.get(0), Property.ACTION)).isEqualTo("DISPLAY");
        // the same event gives the same bytes: UID and DTSTAMP do not change between two reads
        assertThat(f.anonymous.get(pathOf(url)).body()).isEqualTo(res.body());
    }

    @Test
    void daysWithAGapMakeOneEntryPerDayWithStableDistinctUids() throws Exception {
        LocalDate nextWeek = Fixture.DAY1.plusDays(7);
        JsonNode event = create(input(List.of(Fixture.DAY1, Fixture.DAY1.plusDays(1), nextWeek), NINE_TO_SIX));

        Calendar calendar = parse(f.anonymous.get(pathOf(event.get("calendarUrl").asText())).body());

        List<VEvent> entries = calendar.getComponents(Component.VEVENT);
        assertThat(entries).extracting(e -> value(e, Property.DTSTART))
                .containsExactly("20260520T090000", "20260521T090000", "20260527T090000");
        assertThat(entries).extracting(e -> value(e, Property.DTEND))
                .containsExactly("20260520T180000", "20260521T180000", "20260527T180000");
        Set<String> uids = new HashSet<>();
        entries.forEach(e -> uids.add(value(e, Property.UID)));
        assertThat(uids).hasSize(3).allMatch(uid -> uid.startsWith(event.get("id").asText()));
        assertThat(entries).allSatisfy(e -> assertThat(value(e.getAlarms().get(0), Property.TRIGGER))
                .isEqualTo("-PT3H"));
    }

    @Test
    void anEventWithoutHoursIsAllDaySpanningItsDays() throws Exception {
        JsonNode event = create(input(List.of(Fixture.DAY1, Fixture.DAY2), null));

        Calendar calendar = parse(f.anonymous.get(pathOf(event.get("calendarUrl").asText())).body());

        List<VEvent> entries = calendar.getComponents(Component.VEVENT);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).getProperty(Property.DTSTART).orElseThrow().getParameter("VALUE").orElseThrow()
                .getValue()).isEqualTo("DATE");
        assertThat(value(entries.get(0), Property.DTSTART)).isEqualTo("20260520");
        // exclusive end: the day after the last day
        assertThat(value(entries.get(0), Property.DTEND)).isEqualTo("20260522");
    }

    @Test
    void hoursThatCloseBeforeTheyOpenAreRefused() {
        Api.Res res = f.organizer.post("/api/v1/events", java.util.Map.of("name", "Backwards",
                "startDate", "2026-05-20", "endDate", "2026-05-20", "timezone", "Asia/Seoul",
                "hours", java.util.Map.of("opens", "18:00", "closes", "09:00")));

        assertThat(res.status()).isEqualTo(400);
        assertThat(res.body()).contains("hours.closes");
    }

    @Test
    void unknownRotatedAndDeletedTokensAreTheSameBare404() {
        JsonNode event = create(input(List.of(Fixture.DAY1), NINE_TO_SIX));
        String old = pathOf(event.get("calendarUrl").asText());
        String unknown = "/calendar/" + token(new byte[32]) + ".ics";

        Api.Res none = f.anonymous.get(unknown);
        Api.Res junk = f.anonymous.get("/calendar/not-a-token.ics");
        String eventPath = "/api/v1/events/" + event.get("id").asText();
        JsonNode rotated = f.organizer.post(eventPath + "/calendar-token", null).json();
        Api.Res afterRotation = f.anonymous.get(old);

        assertThat(none.status()).isEqualTo(404);
        assertThat(junk.status()).isEqualTo(404);
        assertThat(afterRotation.status()).isEqualTo(404);
        assertThat(afterRotation.body()).isEqualTo(none.body()).isEqualTo(junk.body()).doesNotContain("서울");
        String fresh = pathOf(rotated.get("calendarUrl").asText());
        assertThat(fresh).isNotEqualTo(old);
        assertThat(f.anonymous.get(fresh).status()).isEqualTo(200);
        assertThat(f.organizer.get(eventPath).json().get("calendarUrl").asText())
                .isEqualTo(rotated.get("calendarUrl").asText());

        f.organizer.delete(eventPath);
        Api.Res deleted = f.anonymous.get(fresh);
        assertThat(deleted.status()).isEqualTo(404);
        assertThat(deleted.body()).isEqualTo(none.body());
    }

    @Test
    void onlyTheOrganizerOrAnAdminRotates() {
        String rotate = f.eventPath() + "/calendar-token";
        assertThat(f.operator.post(rotate, null).status()).isEqualTo(403);
        assertThat(f.auditor.post(rotate, null).status()).isEqualTo(403);
        assertThat(f.otherOrganizer.post(rotate, null).status()).isEqualTo(404);
        assertThat(f.anonymous.post(rotate, null).status()).isEqualTo(401);
        assertThat(f.admin.post(rotate, null).status()).isEqualTo(200);
    }

    @Test
    void tokensAre256RandomBitsAndDifferPerEvent() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            JsonNode event = create(input(List.of(Fixture.DAY1), null));
            String path = pathOf(event.get("calendarUrl").asText());
            String token = path.substring("/calendar/".length(), path.length() - ".ics".length());
            assertThat(token).matches("[A-Za-z0-9_-]{43}");
            assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
            tokens.add(token);
        }
        assertThat(tokens).hasSize(20);
        // 20 tokens of 256 random bits: every character position takes many values, none is a counter or a clock
        for (int position = 0; position < 43; position += 7) {
            Set<Character> seen = new HashSet<>();
            for (String t : tokens) {
                seen.add(t.charAt(position));
            }
            assertThat(seen).hasSizeGreaterThan(5);
        }
    }

    @Test
    void whoeverSeesTheEventSeesItsCalendarLinks() {
        String event = f.eventPath();
        JsonNode asOrganizer = f.organizer.get(event).json();
        String url = asOrganizer.get("calendarUrl").asText();

        assertThat(url).startsWith(f.server.baseUrl() + "/calendar/").endsWith(".ics");
        assertThat(asOrganizer.get("webcalUrl").asText())
                .isEqualTo("webcal://" + URI.create(url).getRawAuthority() + URI.create(url).getRawPath());
        assertThat(f.auditor.get(event).json().get("calendarUrl").asText()).isEqualTo(url);
        assertThat(f.operator.get(event).json().get("calendarUrl").asText()).isEqualTo(url);
        assertThat(f.admin.get(event).json().get("calendarUrl").asText()).isEqualTo(url);
        assertThat(f.otherOrganizer.get(event).status()).isEqualTo(404);
        assertThat(f.otherOrganizer.get("/api/v1/events").body()).doesNotContain(URI.create(url).getRawPath());
        assertThat(f.operator.get("/api/v1/events").json().get(0).get("calendarUrl").asText()).isEqualTo(url);
        // the feed the kiosks read carries no link
        assertThat(f.organizer.get(event + "/changes?after=0").body()).doesNotContain(URI.create(url).getRawPath());
    }

    private JsonNode create(EventInput input) {
        Api.Res res = f.organizer.post("/api/v1/events", input);
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        return res.json();
    }

    private static EventInput input(List<LocalDate> days, EventHours hours) {
        Location coex = new Location(LocationType.PHYSICAL, "코엑스 그랜드볼룸", null);
        return new EventInput("서울 개발자 컨퍼런스", null, coex, days.get(0), days.get(days.size() - 1),
                ZoneId.of("Asia/Seoul"), days, 500, null, null, null, null, null, null, hours);
    }

    private static String pathOf(String url) {
        return URI.create(url).getRawPath();
    }

    private static String token(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Calendar parse(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    private static String value(Component component, String property) {
        return component.getProperty(property).orElseThrow(() -> new AssertionError("no " + property)).getValue();
    }
}
