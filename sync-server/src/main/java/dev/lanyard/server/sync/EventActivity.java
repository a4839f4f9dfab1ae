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
import dev.lanyard.server.feed.FeedReader;
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
import org.jooq.DSLContext;
import org.jooq.ResultQuery;

/**
 * What the organizer's live dashboard shows of an event: who is in per day, arrivals per quarter
 * hour and door, the doors with their last contact, duplicate admissions and refused scans. A
 * dashboard asks again on every change, so during a reconnect storm it would ask without pause:
 * everyone watching an event shares one recent snapshot (ADR 0246).
 */
public final class EventActivity {
    public static final Duration BUCKET = Duration.ofMinutes(15);
    /** A door heard from within this is online; kiosks talk to the server at least every heartbeat. */
    public static final Duration ONLINE = Duration.ofMinutes(2);
    static final int RECENT_ATTEMPTS = 2_000;
    private static final int ARRIVAL_ROWS = 24;
    /** How long a snapshot is shown to whoever asks, at least (longer when it took long to make). */
    public static final Duration REUSE = Duration.ofSeconds(1);
    private final Database db;
    private final ParticipantService participants;
    private final Clock clock;
    private final Function<UUID, Optional<Integer>> pendingOf;
    private final RecentSnapshots<UUID, Snapshot> recent;

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
        this.recent = new RecentSnapshots<>(clock, REUSE);
    }

    /** @param pending the door's last reported outbox count, null if it reported none since the server started */
    public record Door(UUID id, String name, Instant lastContact, boolean online, boolean revoked, Integer pending) {
    }

    /** Admissions in the quarter hour starting at {@code from} (event time) at one door. */
    public record Arrivals(LocalDate day, LocalTime from, String door, int count) {
    }

    public record Refusal(Instant at, String door, ScanOutcome outcome, String ticketCode) {
    }

    /** @param seq the event's feed position when it was made: it shows at least every change up to there */
    public record Snapshot(long seq, int participants, Map<LocalDate, Integer> checkedIn,
                           Map<LocalDate, Integer> duplicates, List<Arrivals> arrivals, List<Door> doors,
                           Map<ScanOutcome, Integer> refusedByOutcome, List<Refusal> recentRefusals, Instant at) {
    }

    /** The event's recent snapshot, made now if there is none. */
    public Snapshot of(Event event) {
        return recent.get(event.id(), () -> make(event));
    }

    /**
     * A door was revoked: every dashboard shows it, and no feed position says so. Snapshots made before are not shown
     * again, nor one being made now.
     */
    public void doorRevoked() {
        recent.forgetAll();
    }

    /** The event's feed position now: a dashboard opened now has seen nothing before it, nor needs to. */
    public long feedHead(UUID eventId) {
        return FeedReader.headSeq(db.dsl(), eventId);
    }

    private Snapshot make(Event event) {
        Instant at = clock.instant();
        long seq = feedHead(event.id());
        List<Door> doors = doors(event.id());
        Map<String, String> names = new HashMap<>();
        doors.forEach(d -> names.put(d.id().toString(),
                d.name() == null ? d.id().toString().substring(0, 8) : d.name()));
        Map<ScanOutcome, Integer> refused = new TreeMap<>();
        List<Refusal> recentRefusals = new ArrayList<>();
        recentAttemptsQuery(db.dsl(), event.id()).fetch(SCAN_ATTEMPT.BODY).forEach(body -> {
            ScanAttempt a = Json.read(body, ScanAttempt.class);
            if (!a.outcome().admits() && a.outcome() != ScanOutcome.UNDONE) {
                refused.merge(a.outcome(), 1, Integer::sum);
                if (recentRefusals.size() < 10) {
                    recentRefusals.add(new Refusal(a.at(), names.getOrDefault(a.deviceId(), a.deviceId()), a.outcome(),
                            a.ticketCode()));
                }
            }
        });
        Days days = days(event, names);
        return new Snapshot(seq, participants.count(event.id()), days.checkedIn(), days.duplicates(),
                days.arrivals(), doors, refused, recentRefusals, at);
    }

    /**
     * The event's last {@value #RECENT_ATTEMPTS} scan attempts, newest first. Ordered by the event too, though it is
     * one: H2 reads the index in its order and stops at the limit only when the ORDER BY names its leading column.
     */
    static ResultQuery<org.jooq.Record1<String>> recentAttemptsQuery(DSLContext dsl, UUID eventId) {
        return dsl.select(SCAN_ATTEMPT.BODY).from(SCAN_ATTEMPT).where(SCAN_ATTEMPT.EVENT_ID.eq(eventId))
                .orderBy(SCAN_ATTEMPT.EVENT_ID, SCAN_ATTEMPT.SEQ.desc()).limit(RECENT_ATTEMPTS);
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

    /** Who is in per day, duplicate admissions per day, the latest arrivals per quarter hour and door. */
    private record Days(Map<LocalDate, Integer> checkedIn, Map<LocalDate, Integer> duplicates,
                        List<Arrivals> arrivals) {
    }

    /** One read of the event's state rows for all three (each read them all before). */
    private Days days(Event event, Map<String, String> names) {
        record Key(LocalDate day, LocalTime from, String door) {
        }
        DayCounts days = new DayCounts(event);
        Map<Key, Integer> counts = new HashMap<>();
        long bucket = BUCKET.toMillis();
        db.dsl().select(CHECKIN_STATE.CHECKIN_DAY, CHECKIN_STATE.CHECKED_IN, CHECKIN_STATE.DUPLICATE_ADMISSION,
                        CHECKIN_STATE.FIRST_ADMITTED_AT, CHECKIN_STATE.FIRST_DEVICE)
                .from(CHECKIN_STATE).where(CHECKIN_STATE.EVENT_ID.eq(event.id())).fetch().forEach(r -> {
                    days.add(r.value1(), r.value2(), r.value3());
                    if (r.value4() != null) {
                        var local = Instant.ofEpochMilli(r.value4() / bucket * bucket).atZone(event.timezone());
                        String device = r.value5() == null ? "?" : r.value5();
                        counts.merge(new Key(local.toLocalDate(), local.toLocalTime(),
                                names.getOrDefault(device, device)), 1, Integer::sum);
                    }
                });
        List<Arrivals> arrivals = counts.entrySet().stream()
                .map(e -> new Arrivals(e.getKey().day(), e.getKey().from(), e.getKey().door(), e.getValue()))
                .sorted(Comparator.comparing(Arrivals::day).thenComparing(Arrivals::from).reversed()
                        .thenComparing(Arrivals::door))
                .limit(ARRIVAL_ROWS).toList();
        return new Days(days.checkedIn(), days.duplicates(), arrivals);
    }
}
