package dev.lanyard.model.merge;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Attendance of one participant across an event's check-in days (seed 000's total and streak
 * counts). A streak counts consecutive event days, not calendar days: an event held on two
 * weekends has a four-day streak for someone who came every day.
 *
 * @param perDay        for each attended day: attendance count and streak up to and including it
 * @param attendedDays  how many event days the participant was checked in on
 * @param streak        the streak ending at the last attended day
 * @param longestStreak the longest run of consecutive event days attended
 */
public record Attendance(Map<LocalDate, DayAttendance> perDay, int attendedDays, int streak, int longestStreak) {
    public record DayAttendance(int total, int streak) {
    }

    public Attendance {
        perDay = Collections.unmodifiableMap(new LinkedHashMap<>(perDay));
    }

    public static Attendance of(List<LocalDate> eventDays, Set<LocalDate> checkedInDays) {
        Map<LocalDate, DayAttendance> perDay = new LinkedHashMap<>();
        int total = 0;
        int run = 0;
        int longest = 0;
        int lastRun = 0;
        for (LocalDate day : eventDays.stream().sorted().distinct().toList()) {
            if (checkedInDays.contains(day)) {
                total++;
                run++;
                longest = Math.max(longest, run);
                lastRun = run;
                perDay.put(day, new DayAttendance(total, run));
            } else {
                run = 0;
            }
        }
        return new Attendance(perDay, total, lastRun, longest);
    }
}
