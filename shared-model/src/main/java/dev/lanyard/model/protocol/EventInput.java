package dev.lanyard.model.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.Event;
import dev.lanyard.model.EventFeatures;
import dev.lanyard.model.EventHours;
import dev.lanyard.model.EventStatus;
import dev.lanyard.model.FormField;
import dev.lanyard.model.Location;
import dev.lanyard.model.ReentryPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * The body of {@code POST /events} and {@code PUT /events/{id}}: an event without the fields the
 * server owns (id, organizer, timestamps). Validation happens when it becomes an {@link Event}, except for the
 * bounds only input needs: stored events are read whatever they hold, so what would make date arithmetic overflow
 * later (a sweep adds the retention to the end date) is refused here, where it enters.
 */
public record EventInput(String name, String description, Location location, LocalDate startDate, LocalDate endDate,
                         ZoneId timezone, List<LocalDate> days, Integer capacity, EventStatus status,
                         EventFeatures features, ReentryPolicy reentryPolicy, List<FormField> formFields,
                         JsonNode badgeTemplate, Integer retentionDays, EventHours hours) {

    /** Dates an event may have: far wider than any venue needs, far from where {@code LocalDate} overflows. */
    public static final int MIN_YEAR = 1900;
    public static final int MAX_YEAR = 9999;
    /** A hundred years: kept longer is kept for ever, which is what no retention says. */
    public static final int MAX_RETENTION_DAYS = 36_500;

    @JsonCreator
    public EventInput {
        plausible(startDate, "startDate");
        plausible(endDate, "endDate");
        if (days != null) {
            days.forEach(day -> plausible(day, "days"));
        }
        if (retentionDays != null && retentionDays > MAX_RETENTION_DAYS) {
            throw new IllegalArgumentException("retentionDays must be at most " + MAX_RETENTION_DAYS);
        }
    }

    private static void plausible(LocalDate date, String field) {
        if (date != null && (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR)) {
            throw new IllegalArgumentException(field + " must lie in the years " + MIN_YEAR + " to " + MAX_YEAR);
        }
    }

    /** An all-day event's input (no hours). */
    public EventInput(String name, String description, Location location, LocalDate startDate, LocalDate endDate,
                      ZoneId timezone, List<LocalDate> days, Integer capacity, EventStatus status,
                      EventFeatures features, ReentryPolicy reentryPolicy, List<FormField> formFields,
                      JsonNode badgeTemplate, Integer retentionDays) {
        this(name, description, location, startDate, endDate, timezone, days, capacity, status, features, reentryPolicy,
                formFields, badgeTemplate, retentionDays, null);
    }

    public Event toEvent(UUID id, String organizer, Instant createdAt, Instant now) {
        return new Event(id, organizer, name, description, location, startDate, endDate, timezone, days, capacity,
                status, features, reentryPolicy, formFields, badgeTemplate, retentionDays, createdAt, now, null, hours);
    }
}
