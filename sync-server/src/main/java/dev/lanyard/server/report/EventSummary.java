package dev.lanyard.server.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an organizer is told about an event (seed 004, "주최자 요약 리포트"): who came, on which day, through
 * which door, and when. Counts are per canonical participant (merged duplicates count once); a participant-day
 * counts as checked in when its state says so after every undo.
 *
 * @param participants        people on the list (not merged into another)
 * @param registered          of those, the ones whose registration admits them
 * @param checkedIn           people checked in on at least one day
 * @param noShows             registered people never checked in
 * @param duplicateAdmissions participant-days admitted more than once at the same time by different doors
 * @param walkIns             people registered at a door
 * @param doors               door (device) id to the name it was paired with; "unknown" for check-ins no door named
 * @param arrivals            first admissions per 15 minutes in the event's time zone, per door
 */
public record EventSummary(UUID eventId, String name, String timezone, Instant generatedAt, int participants,
                           int registered, int checkedIn, int noShows, int duplicateAdmissions, int walkIns,
                           Map<String, String> doors, List<Day> days, List<Arrivals> arrivals) {
    public static final int BUCKET_MINUTES = 15;

    /**
     * One event day.
     *
     * @param byDoor   checked in that day by the door that admitted them first
     * @param walkIns  walk-ins checked in that day
     */
    public record Day(LocalDate day, int checkedIn, int noShows, int duplicateAdmissions, int walkIns,
                      Map<String, Integer> byDoor) {
    }

    /** First admissions in the 15 minutes from {@code start} (event-local), per door id. */
    public record Arrivals(LocalDateTime start, Map<String, Integer> byDoor) {
        public int total() {
            return byDoor.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
