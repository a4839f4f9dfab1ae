package dev.lanyard.server.csv;

import static dev.lanyard.server.db.jooq.Tables.CHECKIN_STATE;
import static dev.lanyard.server.db.jooq.Tables.PARTICIPANT;

import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.server.db.Database;
import dev.lanyard.server.sync.ParticipantService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jooq.impl.DSL;

/**
 * CSV exports for organizers: participants, and check-ins per day. Every cell a spreadsheet
 * would treat as a formula is neutralised, since attendee-typed names reach Excel here.
 */
public final class CsvExporter {
    private final Database db;
    private final ParticipantService participants;

    public CsvExporter(Database db, ParticipantService participants) {
        this.db = db;
        this.participants = participants;
    }

    public void participants(Event event, Writer out) {
        try {
            CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT);
            csv.printRecord("id", "registrationNumber", "name", "email", "phone", "company", "ticketCode",
                    "registrationStatus",
                    "source", "mergedInto");
            participants.forEach(event.id(), p -> print(csv, p.id(), p.registrationNumber(), p.name(), p.email(),
                    p.phone(),
                    p.company(), p.ticketCode(), p.registrationStatus().wire(), p.source().wire(), p.mergedInto()));
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Participants read, with their check-in rows, per page of the check-ins export. */
    static final int CHECK_IN_PAGE = 500;

    /**
     * Every check-in row of the event, a participant's days together, in participant order: read a page of
     * {@link #CHECK_IN_PAGE} participants at a time with their rows (by the rows' leading key column), so an event of
     * a million people is exported in the memory of one page, and no connection is held while the page is written.
     */
    public void checkIns(Event event, Writer out) {
        try {
            CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT);
            csv.printRecord("participantId", "name", "email", "day", "checkedIn", "firstAdmittedAt", "device",
                    "duplicate", "reentries");
            UUID after = null;
            do {
                ParticipantService.Page page = participants.list(event.id(), after, CHECK_IN_PAGE);
                Map<UUID, Participant> people = new HashMap<>();
                page.participants().forEach(p -> people.put(p.id(), p));
                if (!people.isEmpty()) {
                    db.dsl().selectFrom(CHECKIN_STATE).where(CHECKIN_STATE.PARTICIPANT_ID.in(people.keySet()))
                            .and(CHECKIN_STATE.EVENT_ID.eq(event.id()))
                            .orderBy(CHECKIN_STATE.PARTICIPANT_ID, CHECKIN_STATE.CHECKIN_DAY).fetch().forEach(r -> {
                                Participant p = people.get(r.getParticipantId());
                                print(csv, r.getParticipantId(), p.name(), p.email(), r.getCheckinDay(),
                                        r.getCheckedIn(), r.getFirstAdmittedAt() == null ? null
                                        : Instant.ofEpochMilli(r.getFirstAdmittedAt()),
                                        r.getFirstDevice(), r.getDuplicateAdmission(), r.getReentries());
                            });
                }
                after = page.next();
            } while (after != null);
            unknownPeoplesRows(event, csv);
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Rows of participants the server does not hold in this event (a door's check-in of a walk-in whose record was
     * refused): printed without a name, as the summary counts them, a page at a time along the rows' key.
     */
    private void unknownPeoplesRows(Event event, CSVPrinter csv) {
        UUID from = null;
        boolean inclusive = true;
        while (true) {
            var rows = db.dsl().selectFrom(CHECKIN_STATE).where(CHECKIN_STATE.EVENT_ID.eq(event.id()))
                    .and(from == null ? DSL.noCondition() : inclusive ? CHECKIN_STATE.PARTICIPANT_ID.ge(from)
                            : CHECKIN_STATE.PARTICIPANT_ID.gt(from))
                    .andNotExists(DSL.selectOne().from(PARTICIPANT)
                            .where(PARTICIPANT.ID.eq(CHECKIN_STATE.PARTICIPANT_ID))
                            .and(PARTICIPANT.EVENT_ID.eq(CHECKIN_STATE.EVENT_ID)))
                    .orderBy(CHECKIN_STATE.PARTICIPANT_ID, CHECKIN_STATE.CHECKIN_DAY).limit(CHECK_IN_PAGE).fetch();
            boolean full = rows.size() == CHECK_IN_PAGE;
            UUID last = rows.isEmpty() ? null : rows.get(rows.size() - 1).getParticipantId();
            // a full page's last participant may have days on the next page: they are all printed there
            boolean holdLast = full && !rows.get(0).getParticipantId().equals(last);
            for (var r : rows) {
                if (!holdLast || !r.getParticipantId().equals(last)) {
                    print(csv, r.getParticipantId(), null, null, r.getCheckinDay(), r.getCheckedIn(),
                            r.getFirstAdmittedAt() == null ? null : Instant.ofEpochMilli(r.getFirstAdmittedAt()),
                            r.getFirstDevice(), r.getDuplicateAdmission(), r.getReentries());
                }
            }
            if (!full) {
                return;
            }
            from = last;
            inclusive = holdLast;
        }
    }

    private static void print(CSVPrinter csv, Object... cells) {
        try {
            for (Object cell : cells) {
                csv.print(CsvText.neutralize(cell == null ? "" : cell.toString()));
            }
            csv.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
