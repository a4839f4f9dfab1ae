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
 * server owns (id, organizer, timestamps). Validation happens when it becomes an {@link Event}.
 */
public record EventInput(String name, String description, Location location, LocalDate startDate, LocalDate endDate,
                         ZoneId timezone, List<LocalDate> days, Integer capacity, EventStatus status,
                         EventFeatures features, ReentryPolicy reentryPolicy, List<FormField> formFields,
                         JsonNode badgeTemplate, Integer retentionDays, EventHours hours) {

    @JsonCreator
    public EventInput {
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
