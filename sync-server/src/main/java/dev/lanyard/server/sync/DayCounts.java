package dev.lanyard.server.sync;

import dev.lanyard.model.Event;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/** Who is in, and who was admitted twice, per day of an event, counted from its state rows one at a time. */
final class DayCounts {
    private final Map<LocalDate, Integer> checkedIn = new TreeMap<>();
    private final Map<LocalDate, Integer> duplicates = new TreeMap<>();

    /** Every day of the event, at 0 until a row counts. */
    DayCounts(Event event) {
        event.days().forEach(d -> {
            checkedIn.put(d, 0);
            duplicates.put(d, 0);
        });
    }

    void add(LocalDate day, boolean isIn, boolean admittedTwice) {
        if (isIn) {
            checkedIn.merge(day, 1, Integer::sum);
            if (admittedTwice) {
                duplicates.merge(day, 1, Integer::sum);
            }
        }
    }

    Map<LocalDate, Integer> checkedIn() {
        return checkedIn;
    }

    Map<LocalDate, Integer> duplicates() {
        return duplicates;
    }
}
