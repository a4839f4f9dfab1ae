package dev.lanyard.kiosk.ui.dashboard;

import static dev.lanyard.kiosk.core.store.jooq.Tables.CHECKIN_STATE;

import dev.lanyard.kiosk.core.store.DeadLetterStore;
import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.kiosk.ui.Formats;
import dev.lanyard.kiosk.ui.KioskSession;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The organizer's view of this kiosk's replica: registered and checked in per day, arrivals per
 * 15 minutes on the door's day, duplicate admissions (two doors admitted the same person while
 * apart), items the server refused (with requeue), and a CSV export.
 */
public final class DashboardViewModel {
    public static final int BUCKET_MINUTES = 15;

    public record DayRow(LocalDate day, int checkedIn, int duplicates) {
    }

    /** Arrivals (first admissions) in the 15 minutes starting at {@code start}. */
    public record Bucket(LocalTime start, int arrivals) {
    }

    public record DuplicateRow(UUID participantId, String name, LocalDate day) {
    }

    private final KioskSession session;
    private final Texts texts;
    private final UiExecutors executors;
    private final ReadOnlyIntegerWrapper registered = new ReadOnlyIntegerWrapper(this, "registered");
    private final ObservableList<DayRow> days = FXCollections.observableArrayList();
    private final ObservableList<Bucket> arrivals = FXCollections.observableArrayList();
    private final ObservableList<DuplicateRow> duplicates = FXCollections.observableArrayList();
    private final ObservableList<DeadLetterStore.DeadLetter> deadLetters = FXCollections.observableArrayList();
    private final StringProperty exportPath = new SimpleStringProperty(this, "exportPath", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    public DashboardViewModel(KioskSession session, Texts texts, UiExecutors executors) {
        this.session = session;
        this.texts = texts;
        this.executors = executors;
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm")
                .format(session.clock().instant().atZone(session.event().timezone()));
        exportPath.set(session.kiosk().replica().folder().path().resolve("exports")
                .resolve("checkins-" + stamp + ".csv").toString());
    }

    private record Loaded(int registered, List<DayRow> days, List<Bucket> arrivals, List<DuplicateRow> duplicates,
                          List<DeadLetterStore.DeadLetter> deadLetters) {
    }

    public CompletableFuture<Void> load() {
        Event event = session.event();
        LocalDate doorDay = session.day();
        return CompletableFuture.supplyAsync(() -> session.kiosk().replica().write(tx -> {
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
            List<DayRow> dayRows = new ArrayList<>();
            perDay.forEach((d, c) -> dayRows.add(new DayRow(d, c[0], c[1])));
            Map<UUID, Participant> names = ParticipantStore.findAll(tx, dupes.keySet());
            List<DuplicateRow> dupRows = dupes.entrySet().stream()
                    .map(e -> new DuplicateRow(e.getKey(), names.containsKey(e.getKey()) ? names.get(e.getKey()).name()
                    : "?", e.getValue()))
                    .sorted(java.util.Comparator.comparing(DuplicateRow::day)
                    .thenComparing(r -> r.name() == null ? "" : r.name()))
                    .toList();
            return new Loaded(total, dayRows, buckets(firsts, event.timezone()), dupRows, DeadLetterStore.all(tx));
        }), executors.background()).thenAcceptAsync(l -> {
            registered.set(l.registered());
            days.setAll(l.days());
            arrivals.setAll(l.arrivals());
            duplicates.setAll(l.duplicates());
            deadLetters.setAll(l.deadLetters());
        }, executors.ui());
    }

    /** Arrivals per 15 minutes, from the first bucket with an arrival to the last, empty buckets included. */
    static List<Bucket> buckets(List<Instant> firstAdmissions, ZoneId zone) {
        if (firstAdmissions.isEmpty()) {
            return List.of();
        }
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        for (Instant at : firstAdmissions) {
            LocalTime t = at.atZone(zone).toLocalTime();
            int slot = (t.getHour() * 60 + t.getMinute()) / BUCKET_MINUTES;
            counts.merge(slot, 1, Integer::sum);
        }
        List<Bucket> out = new ArrayList<>();
        for (int slot = counts.firstKey(); slot <= counts.lastKey(); slot++) {
            out.add(new Bucket(LocalTime.MIN.plusMinutes((long) slot * BUCKET_MINUTES), counts.getOrDefault(slot, 0)));
        }
        return out;
    }

    public CompletableFuture<Boolean> requeue(DeadLetterStore.DeadLetter letter) {
        if (letter == null) {
            return CompletableFuture.completedFuture(false);
        }
        return CompletableFuture.supplyAsync(() -> session.kiosk().requeueDeadLetter(letter.id()),
                executors.background())
                .thenCompose(done -> load().thenApply(v -> done))
                .thenApplyAsync(done -> {
                    message.set(texts.get(done ? "dashboard.requeued" : "dashboard.requeueGone"));
                    return done;
                }, executors.ui());
    }

    /**
     * Writes every participant with their check-in per event day as CSV (UTF-8 with BOM, so spreadsheets read Hangul).
     */
    public CompletableFuture<Integer> export() {
        Path file = Path.of(exportPath.get().strip());
        Event event = session.event();
        return CompletableFuture.supplyAsync(() -> {
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    return session.kiosk().replica().write(tx -> writeCsv(tx, event, out));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, executors.background()).handleAsync((count, error) -> {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                message.set(texts.get("dashboard.exportFailed", file, cause.getMessage()));
                return -1;
            }
            message.set(texts.get("dashboard.exported", count, file));
            return count;
        }, executors.ui());
    }

    private static int writeCsv(dev.lanyard.kiosk.core.store.Tx tx, Event event, Writer out) {
        ZoneId zone = event.timezone();
        Map<UUID, Map<LocalDate, Long>> admitted = new HashMap<>();
        tx.dsl().select(CHECKIN_STATE.PARTICIPANT_ID, CHECKIN_STATE.CHECKIN_DAY, CHECKIN_STATE.FIRST_ADMITTED_AT)
                .from(CHECKIN_STATE).where(CHECKIN_STATE.EVENT_ID.eq(event.id())).and(CHECKIN_STATE.CHECKED_IN.isTrue())
                .forEach(r -> admitted.computeIfAbsent(r.value1(), k -> new HashMap<>())
                .put(r.value2(), r.value3() == null ? 0L : r.value3()));
        int[] count = {0};
        try {
            out.write('\uFEFF');
            List<String> header = new ArrayList<>(List.of("name", "email", "company", "registration_number",
                    "ticket_code", "registration_status", "source"));
            event.days().forEach(d -> header.add("checked_in_" + d));
            line(out, header);
            ParticipantStore.forEach(tx, event.id(), p -> {
                if (p.mergedInto() != null) {
                    return;
                }
                List<String> row = new ArrayList<>(List.of(nz(p.name()), nz(p.email()), nz(p.company()),
                        p.registrationNumber() == null ? "" : p.registrationNumber().toString(), nz(p.ticketCode()),
                        p.registrationStatus().wire(), p.source().wire()));
                Map<LocalDate, Long> days = admitted.getOrDefault(p.id(), Map.of());
                for (LocalDate d : event.days()) {
                    Long at = days.get(d);
                    row.add(at == null ? "" : at == 0 ? "yes" : Formats.minutes(Instant.ofEpochMilli(at), zone));
                }
                try {
                    line(out, row);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                count[0]++;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count[0];
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

    public ReadOnlyIntegerProperty registeredProperty() {
        return registered.getReadOnlyProperty();
    }

    public ObservableList<DayRow> days() {
        return days;
    }

    public ObservableList<Bucket> arrivals() {
        return arrivals;
    }

    public ObservableList<DuplicateRow> duplicates() {
        return duplicates;
    }

    public ObservableList<DeadLetterStore.DeadLetter> deadLetters() {
        return deadLetters;
    }

    public StringProperty exportPathProperty() {
        return exportPath;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
