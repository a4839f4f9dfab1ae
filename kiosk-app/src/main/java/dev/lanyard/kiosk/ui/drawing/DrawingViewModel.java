package dev.lanyard.kiosk.ui.drawing;

import dev.lanyard.kiosk.core.drawing.DrawRequest;
import dev.lanyard.kiosk.core.drawing.NobodyEligibleException;
import dev.lanyard.kiosk.core.Failures;
import dev.lanyard.kiosk.ui.Formats;
import dev.lanyard.kiosk.ui.KioskSession;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.model.DrawingPool;
import dev.lanyard.model.DrawingWinner;
import dev.lanyard.model.FieldFilter;
import dev.lanyard.model.FormField;
import dev.lanyard.model.ParticipantField;
import dev.lanyard.model.PrizeDrawing;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Prize drawing: the pool (checked in, or everyone registered), without previous winners, an
 * optional field filter, how many winners. The core draws with SecureRandom and records the
 * drawing; the screen then rolls names for a moment before it shows the winners, and staff
 * confirm. History lists every drawing of the event, newest first.
 */
public final class DrawingViewModel {
    /** A filter field to offer: the wire name and its label. */
    public record FilterField(String wire, String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    private final KioskSession session;
    private final Texts texts;
    private final UiExecutors executors;
    private final StringProperty prize = new SimpleStringProperty(this, "prize", "");
    private final ObjectProperty<DrawingPool> pool = new SimpleObjectProperty<>(this, "pool", DrawingPool.CHECKED_IN);
    private final BooleanProperty excludePrevious = new SimpleBooleanProperty(this, "excludePrevious", true);
    private final ObjectProperty<FilterField> filterField = new SimpleObjectProperty<>(this, "filterField");
    private final StringProperty filterValue = new SimpleStringProperty(this, "filterValue", "");
    private final IntegerProperty winners = new SimpleIntegerProperty(this, "winners", 1);
    private final ObservableList<FilterField> filterFields = FXCollections.observableArrayList();
    private final ObservableList<String> rollingNames = FXCollections.observableArrayList();
    private final ObservableList<String> result = FXCollections.observableArrayList();
    private final ObservableList<String> history = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper canConfirm = new ReadOnlyBooleanWrapper(this, "canConfirm");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private volatile PrizeDrawing current;
    /** A drawing is being made: another asked for meanwhile (a key pressed again, or held) is not made. */
    private final java.util.concurrent.atomic.AtomicBoolean inFlight = new java.util.concurrent.atomic.AtomicBoolean();

    public DrawingViewModel(KioskSession session, Texts texts, UiExecutors executors) {
        this.session = session;
        this.texts = texts;
        this.executors = executors;
        filterFields.add(new FilterField(null, texts.get("drawing.filter.none")));
        filterFields.add(new FilterField(ParticipantField.COMPANY.wire(), texts.get("field.company")));
        for (FormField f : session.event().formFields()) {
            filterFields.add(new FilterField(ParticipantField.CUSTOM_PREFIX + f.id(), f.label()));
        }
        filterField.set(filterFields.get(0));
    }

    /** Draws: completes with the drawing (not yet confirmed), or null after showing why not. */
    public CompletableFuture<PrizeDrawing> draw() {
        DrawRequest request;
        try {
            FilterField f = filterField.get();
            FieldFilter filter = f == null || f.wire() == null ? null
                    : new FieldFilter(f.wire(), filterValue.get().strip());
            request = new DrawRequest(prize.get().isBlank() ? null : prize.get().strip(), pool.get(),
                    excludePrevious.get(), filter,
                    winners.get(), session.operator());
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        if (!inFlight.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        canConfirm.set(false);
        UUID event = session.eventId();
        CompletableFuture<List<String>> names;
        CompletableFuture<PrizeDrawing> made;
        try {
            names = CompletableFuture.supplyAsync(() -> sampleNames(event, request.pool()), executors.background());
            made = session.kiosk().drawings().draw(event, request);
        } catch (RuntimeException e) {
            inFlight.set(false);
            throw e;
        }
        return made
                .thenCombine(names, (drawing, sample) -> new Object[] {drawing, sample})
                .handleAsync((both, error) -> {
                    inFlight.set(false);
                    if (error != null) {
                        Throwable cause = Failures.cause(error);
                        message.set(cause instanceof NobodyEligibleException ? texts.get("drawing.nobody")
                                : Failures.reason(error));
                        result.clear();
                        return null;
                    }
                    PrizeDrawing drawing = (PrizeDrawing) both[0];
                    @SuppressWarnings("unchecked")
                    List<String> sample = (List<String>) both[1];
                    current = drawing;
                    rollingNames.setAll(sample);
                    result.setAll(drawing.winners().stream().map(DrawingViewModel::label).toList());
                    canConfirm.set(true);
                    message.set(texts.get("drawing.drawn", drawing.winners().size()));
                    return drawing;
                }, executors.ui());
    }

    /** A few names from the pool for the rolling animation (display only: the winners are already drawn). */
    private List<String> sampleNames(UUID event, DrawingPool fromPool) {
        return session.kiosk().reads().sampleNames(event, fromPool, 40, new Random());
    }

    private static String label(DrawingWinner w) {
        return (w.name() == null ? "?" : w.name()) + (w.registrationNumber() == null ? "" : "  #"
                + w.registrationNumber());
    }

    public CompletableFuture<Void> confirm() {
        PrizeDrawing drawing = current;
        if (drawing == null || !canConfirm.get()) {
            return CompletableFuture.completedFuture(null);
        }
        return session.kiosk().drawings().confirm(session.eventId(), drawing.drawingId()).handleAsync((d, error) -> {
            if (error == null) {
                canConfirm.set(false);
                message.set(texts.get("drawing.confirmed"));
            } else {
                message.set(error.getMessage());
            }
            return null;
        }, executors.ui()).thenCompose(v -> loadHistory());
    }

    public CompletableFuture<Void> loadHistory() {
        return session.kiosk().drawings().drawings(session.eventId()).thenAcceptAsync(all -> history.setAll(all.stream()
                .sorted(Comparator.comparing(PrizeDrawing::drawnAt).reversed())
                .map(d -> texts.get(d.confirmed() ? "drawing.history.confirmed" : "drawing.history.open",
                        Formats.minutes(d.drawnAt(), session.event().timezone()), d.prize() == null
                        ? texts.get("drawing.noPrize") : d.prize(),
                        d.winners().stream().map(DrawingViewModel::label).collect(Collectors.joining(", "))))
                .toList()), executors.ui());
    }

    public StringProperty prizeProperty() {
        return prize;
    }

    public ObjectProperty<DrawingPool> poolProperty() {
        return pool;
    }

    public BooleanProperty excludePreviousProperty() {
        return excludePrevious;
    }

    public ObjectProperty<FilterField> filterFieldProperty() {
        return filterField;
    }

    public StringProperty filterValueProperty() {
        return filterValue;
    }

    public IntegerProperty winnersProperty() {
        return winners;
    }

    public ObservableList<FilterField> filterFields() {
        return filterFields;
    }

    public ObservableList<String> rollingNames() {
        return rollingNames;
    }

    public ObservableList<String> result() {
        return result;
    }

    public ObservableList<String> history() {
        return history;
    }

    public ReadOnlyBooleanProperty canConfirmProperty() {
        return canConfirm.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
