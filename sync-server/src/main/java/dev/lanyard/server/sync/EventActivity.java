package dev.lanyard.server.sync;

import static dev.lanyard.server.db.jooq.Tables.CHECKIN_STATE;
import static dev.lanyard.server.db.jooq.Tables.DEVICE;
import static dev.lanyard.server.db.jooq.Tables.DEVICE_EVENT;
import static dev.lanyard.server.db.jooq.Tables.SCAN_ATTEMPT;

import dev.lanyard.model.Event;
import dev.lanyard.model.ScanAttempt;
import dev.lanyard.model.ScanOutcome;
import dev.lanyard.model.json.Json;
import dev.lanyard.server.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * What the organizer's live dashboard shows of an event: who is in per day, arrivals per quarter
 * hour and door, the doors with their last contact, duplicate admissions and refused scans.
 */
public final class EventActivity {
    public static final Duration BUCKET = Duration.ofMinutes(15);
    /** A door heard from within this is online; kiosks talk to the server at least every heartbeat. */
    public static final Duration ONLINE = Duration.ofMinutes(2);
    private static final int RECENT_ATTEMPTS = 2_000;
    private static final int ARRIVAL_ROWS = 24;
    private final Database db;
    private final ParticipantService participants;
    private final Clock clock;
    private final Function<UUID, Optional<Integer>> pendingOf;

    /**
     * @param pendingOf how many items a door last said it still had to send (its outbox header, heard by the
     *                  HTTP layer and kept in memory); empty when it has not said since this server started
     */
    public EventActivity(Database db, ParticipantService participants, Clock clock,
                         Function<UUID, Optional<Integer>> pendingOf) {
        this.db = db;
        this.participants = participants;
        this.clock = clock;
        this.pendingOf = pendingOf;
    }

    /** @param pending the door's last reported outbox count, null if it reported none since the server started */
    public record Door(UUID id, String name, Instant lastContact, boolean online, boolean revoked, Integer pending) {
    }

    /** Admissions in the quarter hour starting at {@code from} (event time) at one door. */
    public record Arrivals(LocalDate day, LocalTime from, String door, int count) {
    }

    public record Refusal(Instant at, String door, ScanOutcome outcome, String ticketCode) {
    }

    public record Snapshot(int participants, Map<LocalDate, Integer> checkedIn, Map<LocalDate, Integer> duplicates,
                           List<Arrivals> arrivals, List<Door> doors, Map<ScanOutcome, Integer> refusedByOutcome,
                           List<Refusal> recentRefusals, Instant at) {
    }

    public Snapshot of(Event event) {
        ParticipantService.Stats stats = participants.stats(event);
        List<Door> doors = doors(event.id());
        Map<String, String> names = new HashMap<>();
        doors.forEach(d -> names.put(d.id().toString(),
                d.name() == null ? d.id().toString().substring(0, 8) : d.name()));
        Map<ScanOutcome, Integer> refused = new TreeMap<>();
        List<Refusal> recent = new ArrayList<>();
        db.dsl().select(SCAN_ATTEMPT.BODY).from(SCAN_ATTEMPT).where(SCAN_ATTEMPT.EVENT_ID.eq(event.id()))
                .orderBy(SCAN_ATTEMPT.SEQ.desc()).limit(RECENT_ATTEMPTS).fetch(SCAN_ATTEMPT.BODY).forEach(body -> {
                    ScanAttempt a = Json.read(body, ScanAttempt.class);
                    if (!a.outcome().admits() && a.outcome() != ScanOutcome.UNDONE) {
                        refused.merge(a.outcome(), 1, Integer::sum);
                        if (recent.size() < 10) {
                            recent.add(new Refusal(a.at(), names.getOrDefault(a.deviceId(), a.deviceId()), a.outcome(),
                                    a.ticketCode()));
                        }
                    }
                });
        return new Snapshot(stats.participants(), stats.checkedIn(), stats.duplicateAdmissions(),
                arrivals(event, names), doors, refused, recent, clock.instant());
    }

    private List<Door> doors(UUID eventId) {
        long now = clock.millis();
        return db.dsl().select(DEVICE.ID, DEVICE.NAME, DEVICE.LAST_SEEN_AT, DEVICE.REVOKED_AT).from(DEVICE)
                .join(DEVICE_EVENT).on(DEVICE_EVENT.DEVICE_ID.eq(DEVICE.ID)).where(DEVICE_EVENT.EVENT_ID.eq(eventId))
                .orderBy(DEVICE.CREATED_AT).fetch(r -> {
                    Long seen = r.get(DEVICE.LAST_SEEN_AT);
                    boolean revoked = r.get(DEVICE.REVOKED_AT) != null;
                    boolean online = !revoked && seen != null && now - seen <= ONLINE.toMillis();
                    Instant contact = seen == null ? null : Instant.ofEpochMilli(seen);
                    return new Door(r.get(DEVICE.ID), r.get(DEVICE.NAME), contact,
                            online, revoked, pendingOf.apply(r.get(DEVICE.ID)).orElse(null));
                });
    }

    private List<Arrivals> arrivals(Event event, Map<String, String> names) {
        record Key(LocalDate day, LocalTime from, String door) {
        }
        Map<Key, Integer> counts = new HashMap<>();
        long bucket = BUCKET.toMillis();
        db.dsl().select(CHECKIN_STATE.FIRST_ADMITTED_AT, CHECKIN_STATE.FIRST_DEVICE).from(CHECKIN_STATE)
                .where(CHECKIN_STATE.EVENT_ID.eq(event.id())).and(CHECKIN_STATE.FIRST_ADMITTED_AT.isNotNull())
                .fetch().forEach(r -> {
                    Instant start = Instant.ofEpochMilli(r.value1() / bucket * bucket);
                    var local = start.atZone(event.timezone());
                    String device = r.value2() == null ? "?" : r.value2();
                    Key key = new Key(local.toLocalDate(), local.toLocalTime(), names.getOrDefault(device, device));
                    counts.merge(key, 1, Integer::sum);
                });
        return counts.entrySet().stream().map(e -> new Arrivals(e.getKey().day(), e.getKey().from(), e.getKey().door(),
                        e.getValue()))
                .sorted(Comparator.comparing(Arrivals::day).thenComparing(Arrivals::from).reversed()
                        .thenComparing(Arrivals::door))
                .limit(ARRIVAL_ROWS).toList();
    }
}
