package dev.lanyard.kiosk.ui.eventpicker;

import dev.lanyard.kiosk.ui.KioskSession;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.model.Event;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Which event and which of its days this door checks in for. Today is preselected when it is a check-in day. */
public final class EventPickerViewModel {
    private final KioskSession session;
    private final Texts texts;
    private final ObservableList<Event> events = FXCollections.observableArrayList();
    private final ObservableList<LocalDate> days = FXCollections.observableArrayList();
    private final ObjectProperty<Event> event = new SimpleObjectProperty<>(this, "event");
    private final ObjectProperty<LocalDate> day = new SimpleObjectProperty<>(this, "day");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    public EventPickerViewModel(KioskSession session, Texts texts) {
        this.session = session;
        this.texts = texts;
        event.addListener((o, old, e) -> {
            days.setAll(e == null ? List.of() : e.days());
            day.set(e == null ? null : KioskSession.defaultDay(e, session.clock()));
        });
    }

    /** Loads the events this kiosk is paired to and preselects the active one (or the current choice). */
    public void load() {
        List<Event> all = session.kiosk().events().stream().filter(e -> !e.isDeleted()).toList();
        events.setAll(all);
        UUID preferred = session.chosen() ? session.eventId() : session.kiosk().activeEvent().orElse(null);
        Event pick = all.stream().filter(e -> e.id().equals(preferred)).findFirst()
                .orElse(all.isEmpty() ? null : all.get(0));
        event.set(pick);
        if (session.chosen() && pick != null && pick.id().equals(session.eventId())) {
            day.set(session.day());
        }
    }

    /** Commits the choice; false (with a message) when nothing valid is chosen. */
    public boolean choose() {
        Event e = event.get();
        LocalDate d = day.get();
        if (e == null || d == null) {
            error.set(texts.get("picker.nothing"));
            return false;
        }
        try {
            session.choose(e, d);
            error.set("");
            return true;
        } catch (IllegalArgumentException ex) {
            error.set(ex.getMessage());
            return false;
        }
    }

    public ObservableList<Event> events() {
        return events;
    }

    public ObservableList<LocalDate> days() {
        return days;
    }

    public ObjectProperty<Event> eventProperty() {
        return event;
    }

    public ObjectProperty<LocalDate> dayProperty() {
        return day;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
