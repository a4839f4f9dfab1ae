package dev.lanyard.kiosk.ui.dashboard;

import dev.lanyard.kiosk.core.report.CheckInReport;
import dev.lanyard.kiosk.ui.KioskSession;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.model.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
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
    private final ObservableList<CheckInReport.RefusedItem> deadLetters = FXCollections.observableArrayList();
    private final StringProperty exportPath = new SimpleStringProperty(this, "exportPath", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    public DashboardViewModel(KioskSession session, Texts texts, UiExecutors executors) {
        this.session = session;
        this.texts = texts;
        this.executors = executors;
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm")
                .format(session.clock().instant().atZone(session.event().timezone()));
        exportPath.set(session.kiosk().settings().folder().resolve("exports").resolve("checkins-" + stamp + ".csv")
                .toString());
    }

    private record Loaded(int registered, List<DayRow> days, List<Bucket> arrivals, List<DuplicateRow> duplicates,
                          List<CheckInReport.RefusedItem> deadLetters) {
    }

    public CompletableFuture<Void> load() {
        Event event = session.event();
        LocalDate doorDay = session.day();
        return CompletableFuture.supplyAsync(() -> {
            CheckInReport.Figures f = session.kiosk().report().figures(event, doorDay);
            List<DayRow> dayRows = f.days().stream().map(d -> new DayRow(d.day(), d.checkedIn(), d.duplicates()))
                    .toList();
            List<DuplicateRow> dupRows = f.duplicates().stream()
                    .map(d -> new DuplicateRow(d.participantId(), d.name(), d.day())).toList();
            return new Loaded(f.registered(), dayRows, buckets(f.firstAdmissions(), event.timezone()), dupRows,
                    f.refused());
        }, executors.background()).thenAcceptAsync(l -> {
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

    public CompletableFuture<Boolean> requeue(CheckInReport.RefusedItem letter) {
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
                return session.kiosk().report().exportCsv(event, file);
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

    public ObservableList<CheckInReport.RefusedItem> deadLetters() {
        return deadLetters;
    }

    public StringProperty exportPathProperty() {
        return exportPath;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
