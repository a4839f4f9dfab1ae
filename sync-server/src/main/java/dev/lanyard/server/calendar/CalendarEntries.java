package dev.lanyard.server.calendar;

import dev.lanyard.model.Event;
import dev.lanyard.model.EventHours;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;

/**
 * The calendar entries an event becomes (ADR 0223): days that follow one another without a gap make
 * one entry spanning them all (a calendar shows a three-day conference as one block); an event
 * whose days skip (two weekends) makes one entry per day, so no calendar shows the gap as busy.
 * Every day of an event has the same hours, so the hours never split a run of days.
 */
final class CalendarEntries {
    /** One VEVENT: start and end are dates for an all-day event, local date-times in the event's zone otherwise. */
    record Entry(Temporal start, Temporal end, LocalDate firstDay, boolean spanning) {
    }

    private CalendarEntries() {
    }

    static List<Entry> of(Event event) {
        List<LocalDate> days = event.days();
        EventHours hours = event.hours();
        LocalDate first = days.get(0);
        LocalDate last = days.get(days.size() - 1);
        boolean consecutive = first.plusDays(days.size() - 1L).equals(last);
        List<Entry> entries = new ArrayList<>();
        if (consecutive) {
            entries.add(entry(first, last, hours, days.size() > 1));
        } else {
            for (LocalDate day : days) {
                entries.add(entry(day, day, hours, false));
            }
        }
        return entries;
    }

    private static Entry entry(LocalDate from, LocalDate to, EventHours hours, boolean spanning) {
        if (hours == null) {
            // an all-day entry ends (exclusively) on the day after its last day, RFC 5545 3.6.1
            return new Entry(from, to.plusDays(1), from, spanning);
        }
        return new Entry(LocalDateTime.of(from, hours.opens()), LocalDateTime.of(to, hours.closes()), from, spanning);
    }
}
