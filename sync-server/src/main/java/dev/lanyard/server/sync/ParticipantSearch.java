package dev.lanyard.server.sync;

import static dev.lanyard.server.db.jooq.Tables.CHECKIN_STATE;
import static dev.lanyard.server.db.jooq.Tables.PARTICIPANT;

import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.json.Json;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The console's participant search: a text that name, email, company or ticket code contains,
 * optionally only those checked in (or not) on a day. Merged duplicates are left out; they are
 * shown on the participant they were merged into.
 */
public final class ParticipantSearch {
    private final ParticipantService participants;
    private final dev.lanyard.server.db.Database db;

    public ParticipantSearch(dev.lanyard.server.db.Database db, ParticipantService participants) {
        this.db = db;
        this.participants = participants;
    }

    /** @param checkedIn null: either; else only those (not) checked in on {@code day} */
    public record Query(String text, LocalDate day, Boolean checkedIn, int limit) {
    }

    public record Hit(Participant participant, Set<LocalDate> checkedInDays) {
    }

    public record Result(List<Hit> hits, boolean more) {
    }

    /**
     * Reads records in id order until the page is full and one more match shows there are more: a search whose page
     * fills early reads no further (it read the whole event for every keystroke). The checked-in days are read for the
     * hits only, unless the query filters on them.
     */
    public Result search(Event event, Query query) {
        boolean filtersOnDays = query.checkedIn() != null && query.day() != null;
        Map<UUID, Set<LocalDate>> days = filtersOnDays ? checkedInDays(event.id(), null) : null;
        String needle = query.text() == null ? "" : query.text().trim().toLowerCase(Locale.ROOT);
        List<Participant> found = new ArrayList<>();
        boolean[] more = {false};
        participants.forEachWhile(event.id(), p -> {
            if (p.mergedInto() != null || !matches(p, needle)) {
                return true;
            }
            if (filtersOnDays && days.getOrDefault(p.id(), Set.of()).contains(query.day()) != query.checkedIn()) {
                return true;
            }
            if (found.size() == query.limit()) {
                more[0] = true;
                return false;
            }
            found.add(p);
            return true;
        });
        Map<UUID, Set<LocalDate>> shown = filtersOnDays ? days
                : checkedInDays(event.id(), found.stream().map(Participant::id).toList());
        List<Hit> hits = new ArrayList<>(found.size());
        found.forEach(p -> hits.add(new Hit(p, shown.getOrDefault(p.id(), Set.of()))));
        return new Result(hits, more[0]);
    }

    /** The days each participant is checked in on: of {@code ids}, or of the whole event when null. */
    private Map<UUID, Set<LocalDate>> checkedInDays(UUID eventId, List<UUID> ids) {
        Map<UUID, Set<LocalDate>> days = new HashMap<>();
        if (ids != null && ids.isEmpty()) {
            return days;
        }
        var where = CHECKIN_STATE.EVENT_ID.eq(eventId).and(CHECKIN_STATE.CHECKED_IN.isTrue());
        if (ids != null) {
            where = where.and(CHECKIN_STATE.PARTICIPANT_ID.in(ids));
        }
        db.dsl().select(CHECKIN_STATE.PARTICIPANT_ID, CHECKIN_STATE.CHECKIN_DAY).from(CHECKIN_STATE).where(where)
                .fetch().forEach(r -> days.computeIfAbsent(r.value1(), id -> new TreeSet<>()).add(r.value2()));
        return days;
    }

    private static boolean matches(Participant p, String needle) {
        if (needle.isEmpty()) {
            return true;
        }
        for (String value : new String[] {p.name(), p.email(), p.company(), p.ticketCode()}) {
            if (value != null && value.toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The duplicates that were merged into this participant, found by the index on merged_into alone (with the event in
     * the WHERE too, H2 may plan it on an index that leads with the event and read the whole event).
     */
    public List<Participant> mergedInto(Event event, UUID id) {
        return db.dsl().select(PARTICIPANT.BODY).from(PARTICIPANT).where(PARTICIPANT.MERGED_INTO.eq(id))
                .orderBy(PARTICIPANT.ID).fetch(PARTICIPANT.BODY).stream()
                .map(body -> Json.read(body, Participant.class))
                .filter(p -> event.id().equals(p.eventId())).toList();
    }
}
