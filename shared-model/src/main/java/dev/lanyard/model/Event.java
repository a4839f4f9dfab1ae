package dev.lanyard.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/**
 * An event: what is checked in against. Multi-day events check people in per day; {@code days}
 * lists the days with check-in (it defaults to every day from start to end, and may skip days,
 * e.g. two weekends).
 *
 * @param organizer     username of the organizer who owns it
 * @param badgeTemplate the printer-drivers template document, opaque to this module
 * @param retentionDays days after the end before participant data is purged; null keeps it
 * @param hours         when the doors are open on each event day; null for an all-day event
 */
public record Event(UUID id, String organizer, String name, String description, Location location,
                    LocalDate startDate, LocalDate endDate, ZoneId timezone, List<LocalDate> days,
                    Integer capacity, EventStatus status, EventFeatures features, ReentryPolicy reentryPolicy,
                    List<FormField> formFields, JsonNode badgeTemplate, Integer retentionDays,
                    Instant createdAt, Instant updatedAt, Instant deletedAt, EventHours hours) {
    public static final int MAX_DAYS = 366;

    /** An all-day event (no hours): what every event was before hours existed. */
    public Event(UUID id, String organizer, String name, String description, Location location,
                 LocalDate startDate, LocalDate endDate, ZoneId timezone, List<LocalDate> days,
                 Integer capacity, EventStatus status, EventFeatures features, ReentryPolicy reentryPolicy,
                 List<FormField> formFields, JsonNode badgeTemplate, Integer retentionDays,
                 Instant createdAt, Instant updatedAt, Instant deletedAt) {
        this(id, organizer, name, description, location, startDate, endDate, timezone, days, capacity, status, features,
                reentryPolicy, formFields, badgeTemplate, retentionDays, createdAt, updatedAt, deletedAt, null);
    }

    @JsonCreator
    public Event {
        Require.present(id, "id");
        Require.optionalText(organizer, "organizer", 100);
        Require.text(name, "name", 200);
        Require.optionalText(description, "description", 10_000);
        location = location == null ? new Location(LocationType.PHYSICAL, null, null) : location;
        Require.present(startDate, "startDate");
        Require.present(endDate, "endDate");
        if (endDate.isBefore(startDate)) {
            throw new IllegalArgumentException("endDate must not be before startDate");
        }
        if (startDate.plusDays(MAX_DAYS).isBefore(endDate)) {
            throw new IllegalArgumentException("endDate must be within " + MAX_DAYS + " days of startDate");
        }
        Require.present(timezone, "timezone");
        days = days == null || days.isEmpty() ? everyDay(startDate, endDate) : sortedDays(days, startDate, endDate);
        if (capacity != null && capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative");
        }
        status = status == null ? EventStatus.DRAFT : status;
        features = features == null ? EventFeatures.DEFAULT : features;
        reentryPolicy = reentryPolicy == null ? ReentryPolicy.WARN : reentryPolicy;
        formFields = formFields == null ? List.of() : List.copyOf(Require.atMost(formFields, 50, "formFields"));
        if (retentionDays != null && retentionDays < 0) {
            throw new IllegalArgumentException("retentionDays must not be negative");
        }
    }

    private static List<LocalDate> everyDay(LocalDate start, LocalDate end) {
        List<LocalDate> all = new ArrayList<>();
        for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
            all.add(d);
        }
        return List.copyOf(all);
    }

    private static List<LocalDate> sortedDays(List<LocalDate> days, LocalDate start, LocalDate end) {
        Require.atMost(days, MAX_DAYS + 1, "days");
        TreeSet<LocalDate> sorted = new TreeSet<>(days);
        if (sorted.first().isBefore(start) || sorted.last().isAfter(end)) {
            throw new IllegalArgumentException("days must lie between startDate and endDate");
        }
        return List.copyOf(sorted);
    }

    public boolean hasCheckInOn(LocalDate day) {
        return days.contains(day);
    }

    /** The event day that {@code instant} falls on in the event's own timezone. */
    public LocalDate dayAt(Instant instant) {
        return instant.atZone(timezone).toLocalDate();
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }
}
