package dev.lanyard.server.sync;

import static dev.lanyard.server.db.jooq.Tables.CHECKIN_STATE;

import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
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

    public Result search(Event event, Query query) {
        Map<UUID, Set<LocalDate>> days = new HashMap<>();
        db.dsl().select(CHECKIN_STATE.PARTICIPANT_ID, CHECKIN_STATE.CHECKIN_DAY).from(CHECKIN_STATE)
                .where(CHECKIN_STATE.EVENT_ID.eq(event.id())).and(CHECKIN_STATE.CHECKED_IN.isTrue())
                .fetch().forEach(r -> days.computeIfAbsent(r.value1(), id -> new TreeSet<>()).add(r.value2()));
        String needle = query.text() == null ? "" : query.text().trim().toLowerCase(Locale.ROOT);
        List<Hit> hits = new ArrayList<>();
        boolean[] more = {false};
        participants.forEach(event.id(), p -> {
            if (more[0] || p.mergedInto() != null || !matches(p, needle)) {
                return;
            }
            Set<LocalDate> in = days.getOrDefault(p.id(), Set.of());
            if (query.checkedIn() != null && query.day() != null && in.contains(query.day()) != query.checkedIn()) {
                return;
            }
            if (hits.size() == query.limit()) {
                more[0] = true;
                return;
            }
            hits.add(new Hit(p, in));
        });
        return new Result(hits, more[0]);
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

    /** The duplicates that were merged into this participant. */
    public List<Participant> mergedInto(Event event, UUID id) {
        List<Participant> merged = new ArrayList<>();
        participants.forEach(event.id(), p -> {
            if (id.equals(p.mergedInto())) {
                merged.add(p);
            }
        });
        return merged;
    }
}
