package dev.lanyard.server.report;

import static dev.lanyard.server.db.jooq.Tables.CHECKIN_STATE;
import static dev.lanyard.server.db.jooq.Tables.DEVICE;

import dev.lanyard.model.Event;
import dev.lanyard.model.ParticipantSource;
import dev.lanyard.server.csv.CsvExporter;
import dev.lanyard.server.db.Database;
import dev.lanyard.server.errors.NotFoundException;
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
    private final ParticipantService participants;
    private final CsvExporter csv;
    private final Clock clock;

    public EventReports(Database db, EventService events, ParticipantService participants, CsvExporter csv,
                        Clock clock) {
        this.db = db;
        this.events = events;
        this.participants = participants;
        this.csv = csv;
        this.clock = clock;
    }

    /** The summary of a live event; {@link NotFoundException} for an unknown or deleted one. */
    public EventSummary summarize(UUID eventId) {
        return summarize(events.findLive(eventId).orElseThrow(() -> new NotFoundException("event " + eventId)));
    }

    public EventSummary summarize(Event event) {
        People people = people(event.id());
        Map<LocalDate, DayCounts> days = new TreeMap<>();
        event.days().forEach(d -> days.put(d, new DayCounts()));
        Map<LocalDateTime, Map<String, Integer>> buckets = new TreeMap<>();
        Set<UUID> everCheckedIn = new HashSet<>();
        Set<String> doorIds = new HashSet<>();
        int[] duplicates = {0};
        db.dsl().select(CHECKIN_STATE.PARTICIPANT_ID, CHECKIN_STATE.CHECKIN_DAY, CHECKIN_STATE.FIRST_ADMITTED_AT,
                        CHECKIN_STATE.FIRST_DEVICE, CHECKIN_STATE.DUPLICATE_ADMISSION)
                .from(CHECKIN_STATE).where(CHECKIN_STATE.EVENT_ID.eq(event.id()).and(CHECKIN_STATE.CHECKED_IN.isTrue()))
                .fetch().forEach(r -> {
                    String door = r.value4() == null ? UNKNOWN_DOOR : r.value4();
                    doorIds.add(door);
                    everCheckedIn.add(r.value1());
                    DayCounts day = days.computeIfAbsent(r.value2(), d -> new DayCounts());
                    day.checkedIn.add(r.value1());
                    day.byDoor.merge(door, 1, Integer::sum);
                    if (r.value5()) {
                        day.duplicates++;
                        duplicates[0]++;
                    }
                    if (r.value3() != null) {
                        LocalDateTime local = Instant.ofEpochMilli(r.value3()).atZone(event.timezone())
                                .toLocalDateTime();
                        buckets.computeIfAbsent(bucketOf(local), b -> new TreeMap<>()).merge(door, 1, Integer::sum);
                    }
                });
        List<EventSummary.Day> perDay = new ArrayList<>();
        days.forEach((day, counts) -> perDay.add(new EventSummary.Day(day, counts.checkedIn.size(),
                countNotIn(people.registered, counts.checkedIn), counts.duplicates,
                countIn(people.walkIns, counts.checkedIn), Map.copyOf(counts.byDoor))));
        List<EventSummary.Arrivals> arrivals = new ArrayList<>();
        buckets.forEach((start, byDoor) -> arrivals.add(new EventSummary.Arrivals(start, Map.copyOf(byDoor))));
        return new EventSummary(event.id(), event.name(), event.timezone().getId(), clock.instant(), people.all,
                people.registered.size(), everCheckedIn.size(), countNotIn(people.registered, everCheckedIn),
                duplicates[0], people.walkIns.size(), doorNames(doorIds), perDay, arrivals);
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

    private People people(UUID eventId) {
        People people = new People();
        participants.forEach(eventId, p -> {
            if (p.mergedInto() != null) {
                return;
            }
            people.all++;
            if (p.admissible()) {
                people.registered.add(p.id());
            }
            if (p.source() == ParticipantSource.WALK_IN) {
                people.walkIns.add(p.id());
            }
        });
        return people;
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

    private static int countNotIn(Set<UUID> people, Set<UUID> checkedIn) {
        return (int) people.stream().filter(p -> !checkedIn.contains(p)).count();
    }

    private static int countIn(Set<UUID> people, Set<UUID> checkedIn) {
        return (int) people.stream().filter(checkedIn::contains).count();
    }

    private static final class People {
        int all;
        final Set<UUID> registered = new HashSet<>();
        final Set<UUID> walkIns = new HashSet<>();
    }

    private static final class DayCounts {
        final Set<UUID> checkedIn = new HashSet<>();
        final Map<String, Integer> byDoor = new HashMap<>();
        int duplicates;
    }
}
