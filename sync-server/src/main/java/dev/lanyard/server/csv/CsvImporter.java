package dev.lanyard.server.csv;

import dev.lanyard.model.Event;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantField;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.ParticipantSource;
import dev.lanyard.model.RegistrationStatus;
import dev.lanyard.model.TicketCodes;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.clock.HybridLogicalClock;
import dev.lanyard.model.protocol.ImportResult;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.model.protocol.OpStatus;
import dev.lanyard.server.http.ApiException;
import dev.lanyard.server.sync.OrganizerStamp;
import dev.lanyard.server.sync.ParticipantService;
import dev.lanyard.server.sync.PushService;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Imports an attendee list. Good rows go in, bad rows are reported with their line numbers; a
 * row whose email is already registered updates that participant; ticket codes are generated
 * where the file has none. Rows become server-stamped patches through {@link PushService}, so
 * an import merges with concurrent kiosk edits by the same rules as everything else.
 */
public final class CsvImporter {
    /** A row longer than this is a broken file (an unclosed quote swallowing lines), not a person. */
    public static final int MAX_ROW_CHARS = 64 * 1024;
    private static final int BATCH = 2_000;
    private final ParticipantService participants;
    private final PushService push;
    private final HybridLogicalClock clock;

    public CsvImporter(ParticipantService participants, PushService push, HybridLogicalClock clock) {
        this.participants = participants;
        this.push = push;
        this.clock = clock;
    }

    public ImportResult importCsv(Event event, byte[] bytes) {
        String text = CsvText.decode(bytes).text();
        char delimiter = delimiterOf(text);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
        List<ImportResult.LineError> errors = new ArrayList<>();
        Map<String, UUID> byEmail = new HashMap<>();
        Map<String, UUID> byTicket = new HashMap<>();
        Map<UUID, Hlc> latestStamps = new HashMap<>();
        participants.forEach(event.id(), p -> {
            latestStamps.put(p.id(), p.latestStamp());
            if (p.email() != null && p.mergedInto() == null) {
                byEmail.putIfAbsent(p.email().toLowerCase(Locale.ROOT), p.id());
            }
            if (p.ticketCode() != null) {
                byTicket.put(p.ticketCode(), p.id());
            }
        });
        List<ParticipantPatch> patches = new ArrayList<>();
        List<Long> patchLines = new ArrayList<>();
        int[] counts = new int[2];
        List<Boolean> isNew = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
            Iterator<CSVRecord> rows = parser.iterator();
            if (!rows.hasNext()) {
                throw ApiException.badRequest("the file is empty; expected a header line");
            }
            ColumnMapping mapping = ColumnMapping.of(rows.next().toList());
            if (!mapping.hasName()) {
                throw ApiException.badRequest("no name column found in the header (expected e.g. name, \"Attendee name\" or \"First Name\"/\"Last Name\")");
            }
            while (true) {
                long line = parser.getCurrentLineNumber() + 1;
                CSVRecord record;
                try {
                    if (!rows.hasNext()) {
                        break;
                    }
                    record = rows.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    errors.add(new ImportResult.LineError(line, "unreadable CSV from here on (" + e.getMessage() + "); rows above were imported"));
                    break;
                }
                try {
                    Row row = row(event, mapping, record.toList(), byEmail, byTicket, latestStamps);
                    patches.add(row.patch);
                    patchLines.add(line);
                    isNew.add(row.isNew);
                } catch (IllegalArgumentException e) {
                    errors.add(new ImportResult.LineError(line, e.getMessage()));
                }
                if (patches.size() >= BATCH) {
                    flush(event, patches, patchLines, isNew, counts, errors);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        flush(event, patches, patchLines, isNew, counts, errors);
        errors.sort(java.util.Comparator.comparingLong(ImportResult.LineError::line));
        return new ImportResult(counts[0], counts[1], errors);
    }

    private record Row(ParticipantPatch patch, boolean isNew) {
    }

    private Row row(Event event, ColumnMapping m, List<String> cells, Map<String, UUID> byEmail, Map<String, UUID> byTicket,
                    Map<UUID, Hlc> latestStamps) {
        int length = cells.stream().mapToInt(String::length).sum();
        if (length > MAX_ROW_CHARS) {
            throw new IllegalArgumentException("row is " + length + " characters long; the limit is " + MAX_ROW_CHARS);
        }
        String name = m.nameOf(cells).orElseThrow(() -> new IllegalArgumentException("name is empty"));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(ParticipantField.NAME.wire(), name);
        String email = ColumnMapping.cell(cells, m.email());
        putIfPresent(fields, ParticipantField.EMAIL, email);
        putIfPresent(fields, ParticipantField.COMPANY, ColumnMapping.cell(cells, m.company()));
        putIfPresent(fields, ParticipantField.PHONE, ColumnMapping.cell(cells, m.phone()));
        String number = ColumnMapping.cell(cells, m.registrationNumber());
        if (number != null && number.matches("\\d{1,9}")) {
            fields.put(ParticipantField.REGISTRATION_NUMBER.wire(), number);
        }
        String status = ColumnMapping.cell(cells, m.status());
        if (status != null) {
            fields.put(ParticipantField.REGISTRATION_STATUS.wire(), statusOf(status).wire());
        }
        UUID existing = email == null ? null : byEmail.get(email.toLowerCase(Locale.ROOT));
        UUID id = existing != null ? existing : Ids.newId();
        String ticket = ColumnMapping.cell(cells, m.ticketCode());
        if (ticket != null) {
            UUID holder = byTicket.get(ticket);
            if (holder != null && !holder.equals(id)) {
                throw new IllegalArgumentException("ticket code " + TicketCodes.printable(ticket) + " already belongs to another participant");
            }
            fields.put(ParticipantField.TICKET_CODE.wire(), ticket);
        } else if (existing == null) {
            ticket = TicketCodes.generate();
            fields.put(ParticipantField.TICKET_CODE.wire(), ticket);
        }
        if (existing == null) {
            fields.put(ParticipantField.SOURCE.wire(), ParticipantSource.IMPORT.wire());
        }
        ParticipantPatch patch = new ParticipantPatch(Ids.newId(), event.id(), id, fields,
                OrganizerStamp.after(clock, latestStamps.getOrDefault(id, Hlc.ZERO)), null);
        if (email != null) {
            byEmail.putIfAbsent(email.toLowerCase(Locale.ROOT), id);
        }
        if (ticket != null) {
            byTicket.put(ticket, id);
        }
        return new Row(patch, existing == null);
    }

    private static void putIfPresent(Map<String, String> fields, ParticipantField field, String value) {
        if (value != null) {
            fields.put(field.wire(), value);
        }
    }

    private static RegistrationStatus statusOf(String raw) {
        String s = raw.toLowerCase(Locale.ROOT);
        if (s.contains("cancel") || s.contains("refund") || s.contains("취소")) {
            return RegistrationStatus.CANCELLED;
        }
        if (s.contains("wait") || s.contains("대기")) {
            return RegistrationStatus.WAITLIST;
        }
        return RegistrationStatus.REGISTERED;
    }

    private void flush(Event event, List<ParticipantPatch> patches, List<Long> lines, List<Boolean> isNew, int[] counts,
                       List<ImportResult.LineError> errors) {
        if (patches.isEmpty()) {
            return;
        }
        List<OpResult> results = push.push(event, PushService.Batch.ofPatches(new ArrayList<>(patches))).patches();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).status() == OpStatus.REJECTED) {
                errors.add(new ImportResult.LineError(lines.get(i), results.get(i).reason()));
            } else if (isNew.get(i)) {
                counts[0]++;
            } else {
                counts[1]++;
            }
        }
        patches.clear();
        lines.clear();
        isNew.clear();
    }

    static char delimiterOf(String text) {
        int end = text.indexOf('\n');
        String header = end < 0 ? text : text.substring(0, end);
        char best = ',';
        long bestCount = header.chars().filter(c -> c == ',').count();
        for (char candidate : new char[] {';', '\t'}) {
            long count = header.chars().filter(c -> c == candidate).count();
            if (count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }

}
