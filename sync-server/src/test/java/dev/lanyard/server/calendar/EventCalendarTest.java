package dev.lanyard.server.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.EventHours;
import dev.lanyard.model.Ids;
import dev.lanyard.model.protocol.EventInput;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

/** The calendar of an event given as a fixed offset, a zone ical4j has no VTIMEZONE for. */
class EventCalendarTest {
    @Test
    void anEventInAFixedOffsetIsWrittenInUtcWithoutAVtimezone() throws Exception {
        LocalDate day = LocalDate.of(2026, 5, 20);
        EventInput input = new EventInput("Offset", null, null, day, day, ZoneId.of("+09:00"), null, null, null, null,
                null, null, null, null, new EventHours(LocalTime.of(9, 0), LocalTime.of(18, 0)));
        Instant now = Instant.parse("2026-05-01T00:00:00Z");

        String ics = new String(EventCalendar.icsFor(input.toEvent(Ids.newId(), "olga", now, now), null),
                StandardCharsets.UTF_8);

        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        assertThat(calendar.getComponents(Component.VTIMEZONE)).isEmpty();
        List<VEvent> entries = calendar.getComponents(Component.VEVENT);
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.getProperty(Property.DTSTART).orElseThrow().getValue()).isEqualTo("20260520T000000Z");
            assertThat(e.getProperty(Property.DTEND).orElseThrow().getValue()).isEqualTo("20260520T090000Z");
            assertThat(e.getAlarms().get(0).getProperty(Property.TRIGGER).orElseThrow().getValue()).isEqualTo("-PT3H");
        });
    }

    /**
     * Lines were never folded: a Korean event name of 26 syllables already made a SUMMARY line longer than the 75
     * octets RFC 5545 allows, and strict calendar clients refuse such a feed. Found by a review.
     */
    @Test
    void everyLineIsFoldedAtSeventyFiveOctetsAndUnfoldsToTheSameText() throws Exception {
        LocalDate day = LocalDate.of(2026, 5, 20);
        String name = "개발자 서밋 ".repeat(12).strip() + " 🎉";
        String description = "한국어 설명입니다. ".repeat(300).strip();
        EventInput input = new EventInput(name, description, null, day, day.plusDays(1),
                ZoneId.of("Asia/Seoul"), null, null, null, null, null, null, null, null,
                new EventHours(LocalTime.of(9, 0), LocalTime.of(18, 0)));
        Instant now = Instant.parse("2026-05-01T00:00:00Z");

        String ics = new String(EventCalendar.icsFor(input.toEvent(Ids.newId(), "olga", now, now), null),
                StandardCharsets.UTF_8);

        assertThat(ics.split("\r\n")).allSatisfy(line ->
                assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75));
        assertThat(ics).doesNotContain("\uFFFD");
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        List<VEvent> entries = calendar.getComponents(Component.VEVENT);
        assertThat(entries).isNotEmpty().allSatisfy(e -> {
            assertThat(e.getProperty(Property.SUMMARY).orElseThrow().getValue()).contains(name);
            assertThat(e.getProperty(Property.DESCRIPTION).orElseThrow().getValue()).contains(description);
        });
    }
}
