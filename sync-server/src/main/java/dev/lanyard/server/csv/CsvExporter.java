package dev.lanyard.server.csv;

import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.server.db.Database;
import dev.lanyard.server.sync.CheckInPages;
import dev.lanyard.server.sync.ParticipantService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jooq.impl.DSL;

/**
 * CSV exports for organizers: participants, and check-ins per day. Every cell a spreadsheet
 * would treat as a formula is neutralised, since attendee-typed names reach Excel here.
 */
public final class CsvExporter {
    private final ParticipantService participants;
    private final CheckInPages pages;

    public CsvExporter(Database db, ParticipantService participants) {
        this.participants = participants;
        this.pages = new CheckInPages(db, participants);
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

    /**
     * Every check-in row of the event, a participant's days together, in participant order, then those of people the
     * server holds no record of (without a name): a page of people at a time ({@link CheckInPages}), so an event of
     * a million people is exported in the memory of one page, and no connection is held while a page is written.
     */
    public void checkIns(Event event, Writer out) {
        try {
            CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT);
            csv.printRecord("participantId", "name", "email", "day", "checkedIn", "firstAdmittedAt", "device",
                    "duplicate", "reentries");
            pages.forEach(event.id(), DSL.noCondition(), (people, rows) -> rows.forEach(r -> {
                Participant p = people.get(r.getParticipantId());
                print(csv, r.getParticipantId(), p == null ? null : p.name(), p == null ? null : p.email(),
                        r.getCheckinDay(), r.getCheckedIn(), r.getFirstAdmittedAt() == null ? null
                        : Instant.ofEpochMilli(r.getFirstAdmittedAt()),
                        r.getFirstDevice(), r.getDuplicateAdmission(), r.getReentries());
            }));
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
