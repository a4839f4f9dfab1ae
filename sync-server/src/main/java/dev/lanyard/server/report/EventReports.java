package dev.lanyard.server.report;

import static dev.lanyard.server.db.jooq.Tables.CHECKIN_STATE;
import static dev.lanyard.server.db.jooq.Tables.DEVICE;

import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantSource;
import dev.lanyard.server.csv.CsvExporter;
import dev.lanyard.server.db.Database;
import dev.lanyard.server.errors.NotFoundException;
import dev.lanyard.server.sync.CheckInPages;
import dev.lanyard.server.sync.EventService;
import dev.lanyard.server.sync.ParticipantService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The organizer's summary of an event, its arrivals chart and its check-in CSV: what the API serves and what the
 * mailer attaches when the event ends (ADR 0224).
 */
public final class EventReports {
    static final String UNKNOWN_DOOR = "unknown";
    private final Database db;
    private final EventService events;
    private final CsvExporter csv;
    private final CheckInPages pages;
    private final Clock clock;

    public EventReports(Database db, EventService events, ParticipantService participants, CsvExporter csv,
                        Clock clock) {
        this.db = db;
        this.events = events;
        this.csv = csv;
        this.pages = new CheckInPages(db, participants);
        this.clock = clock;
    }

    /** The summary of a live event; {@link NotFoundException} for an unknown or deleted one. */
    public EventSummary summarize(UUID eventId) {
        return summarize(events.findLive(eventId).orElseThrow(() -> new NotFoundException("event " + eventId)));
    }

    /**
     * Counted a page of people at a time with their check-ins ({@link CheckInPages}): a report of a million people
     * holds one page of them, not the event (any device of the event may ask for it).
     */
    public EventSummary summarize(Event event) {
        Totals totals = new Totals();
        Map<LocalDate, DayCounts> days = new TreeMap<>();
        event.days().forEach(d -> days.put(d, new DayCounts()));
        Map<LocalDateTime, Map<String, Integer>> buckets = new TreeMap<>();
        Set<String> doorIds = new HashSet<>();
        UUID[] previous = {null};
        pages.forEach(event.id(), CHECKIN_STATE.CHECKED_IN.isTrue(), (people, rows) -> {
            people.values().forEach(totals::person);
            for (var r : rows) {
                Participant p = people.get(r.getParticipantId());
                boolean counted = p != null && p.mergedInto() == null;
                boolean registered = counted && p.admissible();
                boolean walkIn = counted && p.source() == ParticipantSource.WALK_IN;
                if (!r.getParticipantId().equals(previous[0])) {
                    // a person's rows come together (by person, then day, pages in that order too): counted once
                    totals.everCheckedIn++;
                    totals.registeredEverCheckedIn += registered ? 1 : 0;
                    previous[0] = r.getParticipantId();
                }
                String door = r.getFirstDevice() == null ? UNKNOWN_DOOR : r.getFirstDevice();
                doorIds.add(door);
                DayCounts day = days.computeIfAbsent(r.getCheckinDay(), d -> new DayCounts());
                day.checkedIn++;
                day.registeredCheckedIn += registered ? 1 : 0;
                day.walkIns += walkIn ? 1 : 0;
                day.byDoor.merge(door, 1, Integer::sum);
                if (r.getDuplicateAdmission()) {
                    day.duplicates++;
                    totals.duplicates++;
                }
                if (r.getFirstAdmittedAt() != null) {
                    LocalDateTime local = Instant.ofEpochMilli(r.getFirstAdmittedAt()).atZone(event.timezone())
                            .toLocalDateTime();
                    buckets.computeIfAbsent(bucketOf(local), b -> new TreeMap<>()).merge(door, 1, Integer::sum);
                }
            }
        });
        List<EventSummary.Day> perDay = new ArrayList<>();
        days.forEach((day, counts) -> perDay.add(new EventSummary.Day(day, counts.checkedIn,
                totals.registered - counts.registeredCheckedIn, counts.duplicates, counts.walkIns,
                Map.copyOf(counts.byDoor))));
        List<EventSummary.Arrivals> arrivals = new ArrayList<>();
        buckets.forEach((start, byDoor) -> arrivals.add(new EventSummary.Arrivals(start, Map.copyOf(byDoor))));
        return new EventSummary(event.id(), event.name(), event.timezone().getId(), clock.instant(), totals.all,
                totals.registered, totals.everCheckedIn, totals.registered - totals.registeredEverCheckedIn,
                totals.duplicates, totals.walkIns, doorNames(doorIds), perDay, arrivals);
    }

    /** The arrivals chart of a summary as a PNG. */
    public byte[] arrivalsChartPng(EventSummary summary) {
        return ArrivalsChart.png(summary);
    }

    /**
     * The most of the check-in CSV a summary mail attaches: mail servers refuse messages far smaller than a big
     * event's list (25 MB is a common limit), so a longer one is not built at all.
     */
    public static final int MAX_ATTACHED_CSV_BYTES = 10 << 20;

    /**
     * The check-in CSV the API exports, as bytes with the byte-order mark Excel needs for Korean names; empty when it
     * would be longer than {@code maxBytes} (it is given up as soon as it passes them).
     */
    public java.util.Optional<byte[]> checkInsCsv(Event event, int maxBytes) {
        BoundedBytes bytes = new BoundedBytes(maxBytes);
        try (Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            out.write('\uFEFF');
            csv.checkIns(event, out);
        } catch (IOException | UncheckedIOException e) {
            if (bytes.over) {
                return java.util.Optional.empty();
            }
            throw e instanceof UncheckedIOException u ? u : new UncheckedIOException((IOException) e);
        }
        return java.util.Optional.of(bytes.toByteArray());
    }

    /** Bytes held up to a bound; a write past it fails (and says so). */
    private static final class BoundedBytes extends ByteArrayOutputStream {
        private final int max;
        boolean over;

        BoundedBytes(int max) {
            this.max = max;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (count + len > max) {
                over = true;
                throw new UncheckedIOException(new IOException("the check-in list is longer than " + max + " bytes"));
            }
            super.write(b, off, len);
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }

    static LocalDateTime bucketOf(LocalDateTime local) {
        LocalDateTime hour = local.truncatedTo(ChronoUnit.HOURS);
        return hour.plusMinutes(local.getMinute() / EventSummary.BUCKET_MINUTES * (long) EventSummary.BUCKET_MINUTES);
    }

    private Map<String, String> doorNames(Set<String> doorIds) {
        Map<String, String> names = new TreeMap<>();
        List<UUID> ids = new ArrayList<>();
        for (String id : doorIds) {
            names.put(id, id.equals(UNKNOWN_DOOR) ? UNKNOWN_DOOR : id);
            try {
                ids.add(UUID.fromString(id));
            } catch (IllegalArgumentException notADevice) {
                // an operator's check-in from the API names no paired device
            }
        }
        if (!ids.isEmpty()) {
            db.dsl().select(DEVICE.ID, DEVICE.NAME).from(DEVICE).where(DEVICE.ID.in(ids)).fetch()
                    .forEach(r -> names.put(r.value1().toString(),
                            r.value2() == null ? r.value1().toString() : r.value2()));
        }
        return names;
    }

    /** The event's people and check-ins, counted over all pages. */
    private static final class Totals {
        int all;
        int registered;
        int walkIns;
        int everCheckedIn;
        int registeredEverCheckedIn;
        int duplicates;

        /** A person the event holds (merged records are counted in the one they merged into). */
        void person(Participant p) {
            if (p.mergedInto() != null) {
                return;
            }
            all++;
            registered += p.admissible() ? 1 : 0;
            walkIns += p.source() == ParticipantSource.WALK_IN ? 1 : 0;
        }
    }

    private static final class DayCounts {
        int checkedIn;
        int registeredCheckedIn;
        int walkIns;
        final Map<String, Integer> byDoor = new HashMap<>();
        int duplicates;
    }
}
