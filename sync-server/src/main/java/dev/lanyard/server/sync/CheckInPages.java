package dev.lanyard.server.sync;

import static dev.lanyard.server.db.jooq.Tables.CHECKIN_STATE;
import static dev.lanyard.server.db.jooq.Tables.PARTICIPANT;

import dev.lanyard.model.Participant;
import dev.lanyard.server.db.Database;
import dev.lanyard.server.db.jooq.tables.records.CheckinStateRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * An event's check-in rows with the person each is of, a page of {@link #PEOPLE} people at a time: what the exports
 * and the reports read, in the memory of one page whatever the event's size, and with no connection held while a
 * page is used. The people the server holds come first, in id order, each with their rows (found by the rows'
 * leading key column); then the rows of people it holds no record of in the event (a door's check-in of a walk-in
 * whose record was refused), a participant's days never split between two pages.
 */
public final class CheckInPages {
    /** People read per page. */
    public static final int PEOPLE = 500;
    private final Database db;
    private final ParticipantService participants;

    public CheckInPages(Database db, ParticipantService participants) {
        this.db = db;
        this.participants = participants;
    }

    /** One page: its people by id (empty for the rows of people not held) and their rows, by person and day. */
    public interface Page {
        void accept(Map<UUID, Participant> people, List<CheckinStateRecord> rows);
    }

    /** Every page of the event's rows that meet {@code rows}. */
    public void forEach(UUID eventId, Condition rows, Page each) {
        UUID after = null;
        do {
            ParticipantService.Page page = participants.list(eventId, after, PEOPLE);
            Map<UUID, Participant> people = new LinkedHashMap<>();
            page.participants().forEach(p -> people.put(p.id(), p));
            List<CheckinStateRecord> theirs = people.isEmpty() ? List.of() : db.dsl().selectFrom(CHECKIN_STATE)
                    .where(CHECKIN_STATE.PARTICIPANT_ID.in(people.keySet())).and(CHECKIN_STATE.EVENT_ID.eq(eventId))
                    .and(rows).orderBy(CHECKIN_STATE.PARTICIPANT_ID, CHECKIN_STATE.CHECKIN_DAY).fetch();
            each.accept(people, theirs);
            after = page.next();
        } while (after != null);
        ofPeopleNotHeld(eventId, rows, each);
    }

    private void ofPeopleNotHeld(UUID eventId, Condition rows, Page each) {
        Condition after = DSL.noCondition();
        while (true) {
            List<CheckinStateRecord> page = db.dsl().selectFrom(CHECKIN_STATE)
                    .where(CHECKIN_STATE.EVENT_ID.eq(eventId)).and(rows).and(after)
                    .andNotExists(DSL.selectOne().from(PARTICIPANT)
                            .where(PARTICIPANT.ID.eq(CHECKIN_STATE.PARTICIPANT_ID))
                            .and(PARTICIPANT.EVENT_ID.eq(CHECKIN_STATE.EVENT_ID)))
                    .orderBy(CHECKIN_STATE.PARTICIPANT_ID, CHECKIN_STATE.CHECKIN_DAY).limit(PEOPLE).fetch();
            boolean full = page.size() == PEOPLE;
            CheckinStateRecord lastRow = page.isEmpty() ? null : page.get(page.size() - 1);
            UUID last = lastRow == null ? null : lastRow.getParticipantId();
            // a full page's last person may have days on the next page: all of them are given there (unless the page
            // is that one person's alone, more than 500 days of an event whose dates moved: then the rest follow it)
            boolean holdLast = full && !page.get(0).getParticipantId().equals(last);
            List<CheckinStateRecord> given = new ArrayList<>(page.size());
            for (CheckinStateRecord r : page) {
                if (!holdLast || !r.getParticipantId().equals(last)) {
                    given.add(r);
                }
            }
            if (!given.isEmpty()) {
                each.accept(Map.of(), given);
            }
            if (!full) {
                return;
            }
            after = holdLast ? CHECKIN_STATE.PARTICIPANT_ID.ge(last) : CHECKIN_STATE.PARTICIPANT_ID.gt(last)
                    .or(CHECKIN_STATE.PARTICIPANT_ID.eq(last).and(CHECKIN_STATE.CHECKIN_DAY
                            .gt(lastRow.getCheckinDay())));
        }
    }
}
