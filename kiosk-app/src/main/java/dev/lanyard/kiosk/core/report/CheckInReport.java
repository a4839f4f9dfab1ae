package dev.lanyard.kiosk.core.report;

import static dev.lanyard.kiosk.core.store.jooq.Tables.CHECKIN_STATE;

import dev.lanyard.kiosk.core.store.DeadLetterStore;
import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.core.store.Tx;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.files.PrivateFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The organizer's figures from this kiosk's replica (registered, checked in per day, first
 * admissions on a day, duplicate admissions, items the server refused) and the check-in CSV export.
 */
public final class CheckInReport {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CheckInReport.class);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private final Replica replica;

    public CheckInReport(Replica replica) {
        this.replica = replica;
    }

    public record DayCount(LocalDate day, int checkedIn, int duplicates) {
    }

    public record Duplicate(UUID participantId, String name, LocalDate day) {
    }

    /** An item the server refused for good, kept until staff requeue it. */
    public record RefusedItem(long id, String kind, String reason) {
    }

    /**
     * @param firstAdmissions the first admission of everyone checked in on the door's day
     * @param duplicates by day, then name
     */
    public record Figures(int registered, List<DayCount> days, List<Instant> firstAdmissions,
                          List<Duplicate> duplicates,
                          List<RefusedItem> refused) {
    }

    public Figures figures(Event event, LocalDate doorDay) {
        return replica.write(tx -> {
            int total = ParticipantStore.count(tx, event.id());
            Map<LocalDate, int[]> perDay = new TreeMap<>();
            event.days().forEach(d -> perDay.put(d, new int[2]));
            List<Instant> firsts = new ArrayList<>();
            Map<UUID, LocalDate> dupes = new HashMap<>();
            tx.dsl().select(CHECKIN_STATE.PARTICIPANT_ID, CHECKIN_STATE.CHECKIN_DAY, CHECKIN_STATE.FIRST_ADMITTED_AT,
                            CHECKIN_STATE.DUPLICATE_ADMISSION)
                    .from(CHECKIN_STATE).where(CHECKIN_STATE.EVENT_ID.eq(event.id()))
                    .and(CHECKIN_STATE.CHECKED_IN.isTrue())
                    .forEach(r -> {
                        int[] counts = perDay.computeIfAbsent(r.value2(), d -> new int[2]);
                        counts[0]++;
                        if (Boolean.TRUE.equals(r.value4())) {
                            counts[1]++;
                            dupes.put(r.value1(), r.value2());
                        }
                        if (r.value2().equals(doorDay) && r.value3() != null) {
                            firsts.add(Instant.ofEpochMilli(r.value3()));
                        }
                    });
            List<DayCount> dayRows = new ArrayList<>();
            perDay.forEach((d, c) -> dayRows.add(new DayCount(d, c[0], c[1])));
            Map<UUID, Participant> names = ParticipantStore.findAll(tx, dupes.keySet());
            List<Duplicate> dupRows = dupes.entrySet().stream()
                    .map(e -> new Duplicate(e.getKey(), names.containsKey(e.getKey()) ? names.get(e.getKey()).name()
                            : "?",
                            e.getValue()))
                    .sorted(Comparator.comparing(Duplicate::day).thenComparing(r -> r.name() == null ? "" : r.name()))
                    .toList();
            List<RefusedItem> refused = DeadLetterStore.all(tx).stream()
                    .map(d -> new RefusedItem(d.id(), String.valueOf(d.kind()), d.reason())).toList();
            return new Figures(total, dayRows, firsts, dupRows, refused);
        });
    }

    /** Linux's names of the file systems a USB stick carries that keep no POSIX modes. */
    private static final Set<String> KEEPS_NO_MODES = Set.of("vfat", "msdos", "exfat", "fuseblk", "ntfs", "ntfs3");

    /** Participants read per replica transaction by the export: a scan waits for one page at most. */
    static final int EXPORT_PAGE = 2_000;

    /**
     * Writes every participant of {@code event} with their check-in per event day as CSV (UTF-8 with BOM, so
     * spreadsheets read Hangul), creating the file's folder. The file (names, e-mail addresses, ticket codes) and a
     * folder it makes are the owner's alone. Participants are read a page per transaction and written outside it, so
     * a file that is slow to write (a network share, a slow stick) never holds the door's scans; a participant changed
     * meanwhile is written as one page or the next saw them.
     *
     * @return how many participants were written
     */
    public int exportCsv(Event event, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        try {
            if (!Files.isDirectory(target.getParent())) {
                PrivateFiles.folder(target.getParent(), narrowed -> { });
            }
            PrivateFiles.narrow(target, narrowed -> { });
        } catch (IOException modeRefused) {
            // a FAT, exFAT or NTFS stick takes no file modes (chmod is refused there): the export goes on without
            // them; anywhere else a refusal (a file of another account's) stops it
            if (!Files.isDirectory(target.getParent()) || !KEEPS_NO_MODES.contains(Files.getFileStore(
                    target.getParent()).type().toLowerCase(java.util.Locale.ROOT))) {
                throw modeRefused;
            }
            LOG.info("export to {}: its folder keeps no file modes ({}); written as it allows", target,
                    modeRefused.getMessage());
        }
        Map<UUID, Map<LocalDate, Long>> admitted = replica.write(tx -> admitted(tx, event));
        try (Writer out = new BufferedWriter(new OutputStreamWriter(
                Channels.newOutputStream(Files.newByteChannel(target, WRITE_NEW_OR_TRUNCATE,
                        PrivateFiles.fileAttributes(target.getParent()))), StandardCharsets.UTF_8))) {
            out.write('\uFEFF');
            List<String> header = new ArrayList<>(List.of("name", "email", "company", "registration_number",
                    "ticket_code", "registration_status", "source"));
            event.days().forEach(d -> header.add("checked_in_" + d));
            line(out, header);
            int count = 0;
            UUID after = null;
            while (true) {
                UUID from = after;
                List<Participant> page = replica.write(tx -> ParticipantStore.page(tx, event.id(), from, EXPORT_PAGE));
                if (page.isEmpty()) {
                    return count;
                }
                for (Participant p : page) {
                    if (p.mergedInto() == null) {
                        line(out, row(event, p, admitted.getOrDefault(p.id(), Map.of())));
                        count++;
                    }
                }
                after = page.get(page.size() - 1).id();
            }
        }
    }

    private static final Set<OpenOption> WRITE_NEW_OR_TRUNCATE = Set.of(
            StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);

    /** Who was admitted on which day, and when (0: admitted at a time not known). */
    private static Map<UUID, Map<LocalDate, Long>> admitted(Tx tx, Event event) {
        Map<UUID, Map<LocalDate, Long>> admitted = new HashMap<>();
        tx.dsl().select(CHECKIN_STATE.PARTICIPANT_ID, CHECKIN_STATE.CHECKIN_DAY, CHECKIN_STATE.FIRST_ADMITTED_AT)
                .from(CHECKIN_STATE).where(CHECKIN_STATE.EVENT_ID.eq(event.id())).and(CHECKIN_STATE.CHECKED_IN.isTrue())
                .forEach(r -> admitted.computeIfAbsent(r.value1(), k -> new HashMap<>())
                        .put(r.value2(), r.value3() == null ? 0L : r.value3()));
        return admitted;
    }

    private static List<String> row(Event event, Participant p, Map<LocalDate, Long> days) {
        List<String> row = new ArrayList<>(List.of(nz(p.name()), nz(p.email()), nz(p.company()),
                p.registrationNumber() == null ? "" : p.registrationNumber().toString(), nz(p.ticketCode()),
                p.registrationStatus().wire(), p.source().wire()));
        for (LocalDate d : event.days()) {
            Long at = days.get(d);
            row.add(at == null ? "" : at == 0 ? "yes"
                    : HH_MM.format(Instant.ofEpochMilli(at).atZone(event.timezone())));
        }
        return row;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static void line(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(csv(cells.get(i)));
        }
        out.write("\r\n");
    }

    /** RFC 4180 quoting; a leading = + - @ is prefixed with ' so a spreadsheet never runs it as a formula. */
    static String csv(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
