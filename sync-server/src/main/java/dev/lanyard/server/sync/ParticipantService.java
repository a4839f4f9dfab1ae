package dev.lanyard.server.sync;

import dev.lanyard.server.errors.InvalidInputException;
import dev.lanyard.server.errors.NotFoundException;
import static dev.lanyard.server.db.jooq.Tables.CHECKIN_STATE;
import static dev.lanyard.server.db.jooq.Tables.PARTICIPANT;

import dev.lanyard.model.Event;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantField;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.TicketCodes;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.clock.HybridLogicalClock;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.merge.Attendance;
import dev.lanyard.model.protocol.DayCheckIn;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.model.protocol.OpStatus;
import dev.lanyard.model.protocol.ParticipantView;
import dev.lanyard.server.db.Database;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Participants as the organizer's tools see them. Every write is a server-stamped patch that
 * goes through {@link PushService}, the same path and merge as a kiosk's.
 */
public final class ParticipantService {
    private final Database db;
    private final PushService push;
    private final HybridLogicalClock clock;

    public ParticipantService(Database db, PushService push, HybridLogicalClock clock) {
        this.db = db;
        this.push = push;
        this.clock = clock;
    }

    public Optional<Participant> find(UUID eventId, UUID id) {
        return db.dsl().select(PARTICIPANT.BODY).from(PARTICIPANT).where(PARTICIPANT.ID.eq(id))
                .and(PARTICIPANT.EVENT_ID.eq(eventId))
                .fetchOptional(PARTICIPANT.BODY).map(b -> Json.read(b, Participant.class));
    }

    public Optional<Participant> findByEmail(UUID eventId, String email) {
        return db.dsl().select(PARTICIPANT.BODY).from(PARTICIPANT).where(PARTICIPANT.EVENT_ID.eq(eventId))
                .and(PARTICIPANT.EMAIL_LOWER.eq(email.toLowerCase(java.util.Locale.ROOT)))
                .and(PARTICIPANT.MERGED_INTO.isNull())
                .orderBy(PARTICIPANT.ID).limit(1).fetchOptional(PARTICIPANT.BODY)
                .map(b -> Json.read(b, Participant.class));
    }

    /**
     * The participant with its derived check-in state per day; a merged-away id shows its canonical participant's
     * check-ins.
     */
    public Optional<ParticipantView> view(Event event, UUID id) {
        return find(event.id(), id).map(p -> {
            Map<LocalDate, DayCheckIn> days = new TreeMap<>();
            db.dsl().selectFrom(CHECKIN_STATE).where(CHECKIN_STATE.EVENT_ID.eq(event.id()))
                    .and(CHECKIN_STATE.PARTICIPANT_ID.eq(p.canonicalId())).fetch()
                    .forEach(r -> days.put(r.getCheckinDay(), new DayCheckIn(r.getCheckedIn(),
                            r.getFirstAdmittedAt() == null ? null : Instant.ofEpochMilli(r.getFirstAdmittedAt()),
                            r.getFirstDevice(), r.getDuplicateAdmission(), r.getReentries())));
            java.util.Set<LocalDate> checkedIn = new java.util.HashSet<>();
            days.forEach((d, s) -> {
                if (s.checkedIn()) {
                    checkedIn.add(d);
                }
            });
            Attendance attendance = Attendance.of(event.days(), checkedIn);
            return new ParticipantView(p, days, attendance.attendedDays(), attendance.streak());
        });
    }

    /** An event's counts (the stats API, the organizer's summary mail). */
    public record Stats(int participants, int registered, Map<LocalDate, Integer> checkedIn,
            Map<LocalDate, Integer> duplicateAdmissions) {
    }

    /** Reads every participant's record (to count the admissible ones): not for a page that refreshes itself. */
    public Stats stats(Event event) {
        int[] registered = {0};
        forEach(event.id(), p -> {
            if (p.mergedInto() == null && p.admissible()) {
                registered[0]++;
            }
        });
        DayCounts days = new DayCounts(event);
        db.dsl().select(CHECKIN_STATE.CHECKIN_DAY, CHECKIN_STATE.CHECKED_IN, CHECKIN_STATE.DUPLICATE_ADMISSION)
                .from(CHECKIN_STATE)
                .where(CHECKIN_STATE.EVENT_ID.eq(event.id())).fetch()
                .forEach(r -> days.add(r.value1(), r.value2(), r.value3()));
        return new Stats(count(event.id()), registered[0], days.checkedIn(), days.duplicates());
    }

    /** The event's participants, those merged into another not counted. */
    public int count(UUID eventId) {
        return db.dsl().fetchCount(PARTICIPANT, PARTICIPANT.EVENT_ID.eq(eventId).and(PARTICIPANT.MERGED_INTO.isNull()));
    }

    public record Page(List<Participant> participants, UUID next) {
    }

    /** Participants in id order, {@code limit} at a time, after the given id. */
    public Page list(UUID eventId, UUID after, int limit) {
        var query = db.dsl().select(PARTICIPANT.ID, PARTICIPANT.BODY).from(PARTICIPANT)
                .where(PARTICIPANT.EVENT_ID.eq(eventId));
        if (after != null) {
            query = query.and(PARTICIPANT.ID.gt(after));
        }
        List<Participant> page = query.orderBy(PARTICIPANT.ID).limit(limit + 1).fetch(PARTICIPANT.BODY).stream()
                .map(b -> Json.read(b, Participant.class)).toList();
        if (page.size() > limit) {
            return new Page(page.subList(0, limit), page.get(limit - 1).id());
        }
        return new Page(page, null);
    }

    public void forEach(UUID eventId, Consumer<Participant> each) {
        forEachWhile(eventId, p -> {
            each.accept(p);
            return true;
        });
    }

    /** The event's participants in id order, 2,000 records read at a time, until {@code each} answers false. */
    public void forEachWhile(UUID eventId, Predicate<Participant> each) {
        UUID after = null;
        while (true) {
            Page page = list(eventId, after, 2_000);
            for (Participant p : page.participants()) {
                if (!each.test(p)) {
                    return;
                }
            }
            if (page.next() == null) {
                return;
            }
            after = page.next();
        }
    }

    /** Creates a participant from field values (wire names); a ticket code is generated when missing. */
    public Participant create(Event event, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.putIfAbsent(ParticipantField.TICKET_CODE.wire(), TicketCodes.generate());
        if (!all.containsKey(ParticipantField.NAME.wire())) {
            throw new InvalidInputException("fields.name is required");
        }
        UUID id = Ids.newId();
        write(event, id, all, Hlc.ZERO);
        return find(event.id(), id).orElseThrow();
    }

    public Participant update(Event event, UUID id, Map<String, String> fields) {
        Participant current = find(event.id(), id).orElseThrow(() -> new NotFoundException("participant"));
        write(event, id, fields, current.latestStamp());
        return find(event.id(), id).orElseThrow();
    }

    private void write(Event event, UUID id, Map<String, String> fields, Hlc latest) {
        if (fields.containsKey(ParticipantField.ANONYMIZED.wire())) {
            throw new InvalidInputException(PersonalData.ONLY_BY_ANONYMIZING);
        }
        ParticipantPatch patch;
        try {
            patch = new ParticipantPatch(Ids.newId(), event.id(), id, fields, OrganizerStamp.after(clock, latest),
                    null);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        OpResult result = push.push(event, PushService.Batch.ofPatches(List.of(patch))).patches().get(0);
        if (result.status() == OpStatus.REJECTED) {
            throw new InvalidInputException(result.reason());
        }
    }
}
