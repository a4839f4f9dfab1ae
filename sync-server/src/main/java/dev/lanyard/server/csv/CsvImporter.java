package dev.lanyard.server.csv;

import dev.lanyard.server.errors.InvalidInputException;
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
import dev.lanyard.server.sync.OrganizerStamp;
import dev.lanyard.server.sync.PushService;
import dev.lanyard.server.db.Database;
import dev.lanyard.server.sync.EventBusyException;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Imports an attendee list. Good rows go in, bad rows are reported with their line numbers; a
 * row whose email is already registered updates that participant; ticket codes are generated
 * where the file has none. Rows become server-stamped patches through {@link PushService}, so
 * an import merges with concurrent kiosk edits by the same rules as everything else.
 *
 * <p>The file is read as a stream and written in batches: memory holds one batch of rows, the
 * participants that batch names ({@link KnownParticipants}) and the first errors, whatever the
 * file's length (ADR 0210).
 */
public final class CsvImporter {
    /** A row longer than this is a broken file (an unclosed quote swallowing lines), not a person. */
    public static final int MAX_ROW_CHARS = 64 * 1024;
    /** Past this the parser stops building the record and the rest of the file is refused as unreadable. */
    static final int MAX_RECORD_CHARS = 1 << 20;
    static final int BATCH = 2_000;
    /** Rows are long only in broken or odd files; a batch of them is cut short rather than held. */
    private static final long BATCH_CHARS = 4L << 20;
    /** A full write queue (kiosks pushing a lot) is waited out this many times before the import gives up. */
    private static final int BUSY_RETRIES = 30;
    private final KnownParticipants known;
    private final PushService push;
    private final HybridLogicalClock clock;

    public CsvImporter(Database db, PushService push, HybridLogicalClock clock) {
        this.known = new KnownParticipants(db);
        this.push = push;
        this.clock = clock;
    }

    public ImportResult importCsv(Event event, byte[] bytes) {
        return importCsv(event, new ByteArrayInputStream(bytes));
    }

    /** Reads {@code in} to its end (or to the first unreadable part); does not close it. */
    public ImportResult importCsv(Event event, InputStream in) {
        return importCsv(event, in, null);
    }

    /** As {@link #importCsv(Event, InputStream)} with the columns chosen by hand ({@code chosen} null: detected). */
    public ImportResult importCsv(Event event, InputStream in, ColumnMapping chosen) {
        return read(event, in, chosen, true);
    }

    /**
     * What importing {@code in} would do, written nowhere: the same reading, mapping and row checks
     * against the event's participants as {@link #importCsv(Event, InputStream, ColumnMapping)}, so the
     * console can show each refused line before anything is imported. Only a change made between the
     * check and the import (another import, a door's walk-in taking a ticket code) can refuse more.
     * Read as a stream, in the memory of one batch, like an import; does not close {@code in}.
     */
    public ImportResult check(Event event, InputStream in, ColumnMapping chosen) {
        return read(event, in, chosen, false);
    }

    private ImportResult read(Event event, InputStream in, ColumnMapping chosen, boolean write) {
        LineErrors errors = new LineErrors();
        int[] counts = new int[2];
        try {
            BufferedReader text = new BufferedReader(new DetectingReader(in), 1 << 16);
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiterOf(header(text)))
                    .setIgnoreEmptyLines(true).get();
            BoundedRowReader bounded = new BoundedRowReader(text, MAX_RECORD_CHARS);
            CSVParser parser = CSVParser.builder().setReader(bounded).setFormat(format).get();
            Iterator<CSVRecord> rows = parser.iterator();
            ColumnMapping mapping = mapping(rows, bounded, chosen);
            List<Pending> batch = new ArrayList<>();
            long batchChars = 0;
            while (true) {
                long line = parser.getCurrentLineNumber() + 1;
                CSVRecord record;
                try {
                    if (!rows.hasNext()) {
                        break;
                    }
                    record = rows.next();
                    bounded.recordTaken();
                } catch (UncheckedIOException | IllegalStateException e) {
                    errors.add(line, "unreadable CSV from here on (" + reason(e) + "); rows above were imported");
                    break;
                }
                List<String> cells = record.toList();
                // each cell counts its separator too: a row of a million empty cells is long, though it says nothing
                int length = cells.stream().mapToInt(String::length).sum() + Math.max(0, cells.size() - 1);
                if (length > MAX_ROW_CHARS) {
                    errors.add(line, "row is " + length + " characters long; the limit is " + MAX_ROW_CHARS);
                    continue;
                }
                batch.add(new Pending(line, cells));
                batchChars += length;
                if (batch.size() >= BATCH || batchChars >= BATCH_CHARS) {
                    write(event, mapping, batch, counts, errors, write);
                    batchChars = 0;
                }
            }
            write(event, mapping, batch, counts, errors, write);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ImportResult(counts[0], counts[1], errors.reported(), errors.count());
    }

    /** The header line, peeked to choose the delimiter; the parser reads it again. */
    static String header(BufferedReader text) throws IOException {
        text.mark(MAX_ROW_CHARS);
        char[] buf = new char[MAX_ROW_CHARS];
        int n = 0;
        try {
            while (n < buf.length) {
                int r = text.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                int newline = indexOf(buf, n, n + r, '\n');
                n += r;
                if (newline >= 0) {
                    n = newline;
                    break;
                }
            }
        } catch (CharacterCodingException e) {
            // nothing was imported yet: the whole file is refused, as before it was streamed
            throw new InvalidInputException("invalid_encoding", e.getMessage() != null ? e.getMessage()
                    : "file is neither UTF-8 nor CP949/EUC-KR; save it as CSV UTF-8");
        }
        text.reset();
        return new String(buf, 0, n);
    }

    private static int indexOf(char[] buf, int from, int to, char c) {
        for (int i = from; i < to; i++) {
            if (buf[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static ColumnMapping mapping(Iterator<CSVRecord> rows, BoundedRowReader bounded, ColumnMapping chosen) {
        try {
            if (!rows.hasNext()) {
                throw new InvalidInputException("invalid_request", "the file is empty; expected a header line");
            }
            List<String> headers = rows.next().toList();
            ColumnMapping mapping = chosen != null ? chosen : ColumnMapping.of(headers);
            bounded.recordTaken();
            if (!mapping.hasName()) {
                throw new InvalidInputException("invalid_request",
                        "no name column found in the header (expected e.g. name, \"Attendee name\" or \"First "
                        + "Name\"/\"Last Name\")");
            }
            return mapping;
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new InvalidInputException(e.getCause() instanceof CharacterCodingException ? "invalid_encoding"
                    : "invalid_request",
                    "unreadable header line (" + reason(e) + ")");
        }
    }

    private static String reason(RuntimeException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    /** A row read and not yet written. */
    private record Pending(long line, List<String> cells) {
    }

    /** Resolves the batch's rows against the participants they name, writes them, and forgets them. */
    private void write(Event event, ColumnMapping mapping, List<Pending> batch, int[] counts, LineErrors errors,
            boolean write) {
        if (batch.isEmpty()) {
            return;
        }
        Set<String> emails = new HashSet<>();
        Set<String> tickets = new HashSet<>();
        for (Pending p : batch) {
            String email = ColumnMapping.cell(p.cells(), mapping.email());
            if (email != null) {
                emails.add(email.toLowerCase(Locale.ROOT));
            }
            String ticket = ColumnMapping.cell(p.cells(), mapping.ticketCode());
            if (ticket != null) {
                tickets.add(ticket);
            }
        }
        KnownParticipants.Found found = known.find(event.id(), emails, tickets);
        Map<String, UUID> byEmail = new HashMap<>();
        Map<UUID, Hlc> latestStamps = new HashMap<>();
        found.byEmail().forEach((email, k) -> {
            byEmail.put(email, k.id());
            latestStamps.put(k.id(), k.latestStamp());
        });
        Map<String, UUID> byTicket = new HashMap<>(found.byTicket());
        List<ParticipantPatch> patches = new ArrayList<>(batch.size());
        List<Long> patchLines = new ArrayList<>(batch.size());
        List<Boolean> isNew = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            try {
                Row row = row(event, mapping, p.cells(), byEmail, byTicket, latestStamps);
                patches.add(row.patch);
                patchLines.add(p.line());
                isNew.add(row.isNew);
            } catch (IllegalArgumentException e) {
                errors.add(p.line(), e.getMessage());
            }
        }
        batch.clear();
        if (write) {
            flush(event, patches, patchLines, isNew, counts, errors);
        } else {
            isNew.forEach(n -> counts[n ? 0 : 1]++);
        }
        errors.batchDone();
    }

    private record Row(ParticipantPatch patch, boolean isNew) {
    }

    private Row row(Event event, ColumnMapping m, List<String> cells, Map<String, UUID> byEmail,
                    Map<String, UUID> byTicket,
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
                throw new IllegalArgumentException("ticket code " + TicketCodes.printable(ticket)
                        + " already belongs to another participant");
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

    /** Words of a status column meaning the person is not coming, as registration tools write them. */
    private static final List<String> NOT_COMING = List.of("cancel", "refund", "expired", "not attending", "declined",
            "rejected", "deleted", "취소", "환불", "거절", "불참", "만료");
    /** Words meaning not yet confirmed: an unpaid order, an approval not given. */
    private static final List<String> NOT_YET = List.of("wait", "pending", "unpaid", "대기", "미결제", "미승인");

    /**
     * What a status column says, as the door reads it. Words meaning someone is not coming or not yet confirmed are
     * matched first (pretix's pending and expired, Eventbrite's "Not Attending"); any other word (paid, attending,
     * confirmed, 참석, or a tool's word not listed here) keeps the person registered.
     */
    private static RegistrationStatus statusOf(String raw) {
        String s = raw.toLowerCase(Locale.ROOT);
        if (NOT_COMING.stream().anyMatch(s::contains)) {
            return RegistrationStatus.CANCELLED;
        }
        if (NOT_YET.stream().anyMatch(s::contains)) {
            return RegistrationStatus.WAITLIST;
        }
        return RegistrationStatus.REGISTERED;
    }

    private void flush(Event event, List<ParticipantPatch> patches, List<Long> lines, List<Boolean> isNew,
            int[] counts, LineErrors errors) {
        if (patches.isEmpty()) {
            return;
        }
        List<OpResult> results = pushWaitingOutBusy(event, patches);
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).status() == OpStatus.REJECTED) {
                errors.add(lines.get(i), results.get(i).reason());
            } else if (isNew.get(i)) {
                counts[0]++;
            } else {
                counts[1]++;
            }
        }
    }

    /**
     * An import is one long request; giving up part-way because kiosks filled the event's write
     * queue for a moment would leave half a file in. It waits its turn as a kiosk would retry.
     */
    private List<OpResult> pushWaitingOutBusy(Event event, List<ParticipantPatch> patches) {
        for (int attempt = 0; ; attempt++) {
            try {
                return push.push(event, PushService.Batch.ofPatches(patches)).patches();
            } catch (EventBusyException busy) {
                if (attempt >= BUSY_RETRIES) {
                    throw busy;
                }
                try {
                    Thread.sleep(busy.retryAfter().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw busy;
                }
            }
        }
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
