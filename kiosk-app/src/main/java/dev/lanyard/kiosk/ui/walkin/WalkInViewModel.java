package dev.lanyard.kiosk.ui.walkin;

import dev.lanyard.kiosk.core.Failures;
import dev.lanyard.kiosk.core.checkin.WalkIn;
import dev.lanyard.kiosk.core.checkin.WalkInService;
import dev.lanyard.kiosk.ui.KioskSession;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.kiosk.ui.printing.PrintFeedback;
import dev.lanyard.kiosk.core.printing.PrintService;
import dev.lanyard.model.FormField;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Walk-in registration: name, email, phone, company and the event's own walk-in questions.
 * Nothing is stored until the person agreed to the privacy notice. Registered offline with a
 * fresh ticket code, admitted at once when asked, and the badge printed.
 */
public final class WalkInViewModel {
    /** One of the event's questions and the answer typed ("true"/"" for a checkbox). */
    public record Answer(FormField field, StringProperty value) {
    }

    private final KioskSession session;
    private final Texts texts;
    private final UiExecutors executors;
    private final PrintFeedback printFeedback;
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty email = new SimpleStringProperty(this, "email", "");
    private final StringProperty phone = new SimpleStringProperty(this, "phone", "");
    private final StringProperty company = new SimpleStringProperty(this, "company", "");
    private final List<Answer> answers;
    private final BooleanProperty consent = new SimpleBooleanProperty(this, "consent");
    private final BooleanProperty admitNow = new SimpleBooleanProperty(this, "admitNow", true);
    private final BooleanProperty printBadge = new SimpleBooleanProperty(this, "printBadge");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    public WalkInViewModel(KioskSession session, Texts texts, UiExecutors executors) {
        this.session = session;
        this.texts = texts;
        this.executors = executors;
        this.printFeedback = new PrintFeedback(session.printing(), texts, executors);
        this.answers = session.event().formFields().stream().map(f -> new Answer(f, new SimpleStringProperty("")))
                .toList();
        printBadge.set(session.printing().configured());
    }

    public List<Answer> answers() {
        return answers;
    }

    /** The privacy notice shown above the consent box. */
    public String consentText() {
        return texts.get("walkin.consent.text", session.event().organizer() == null ? session.event().name()
                : session.event().organizer());
    }

    /** Registers; completes with the core's result, or null after showing what is missing. */
    /** A ticket scanned into the form's fields was taken out of them: said, nothing checked in. */
    public void scannedIntoForm(String code) {
        error.set(texts.get("form.scanned", dev.lanyard.model.TicketCodes.printable(code)));
    }

    public CompletableFuture<WalkInService.Result> register() {
        String problem = validate();
        if (problem != null) {
            error.set(problem);
            return CompletableFuture.completedFuture(null);
        }
        Map<String, String> custom = new HashMap<>();
        for (Answer a : answers) {
            String v = a.value().get();
            if (v != null && !v.isBlank() && !(a.field().type().equals("checkbox") && v.equals("false"))) {
                custom.put(a.field().id(), v.strip());
            }
        }
        WalkIn walkIn = new WalkIn(name.get(), blankToNull(email.get()), blankToNull(phone.get()),
                blankToNull(company.get()), custom);
        boolean print = printBadge.get();
        busy.set(true);
        error.set("");
        return session.kiosk().walkIns().register(session.eventId(), walkIn, admitNow.get(), session.day())
                .thenApplyAsync(result -> {
                    if (print) {
                        printFeedback.submit(PrintService.badgeKey(result.participant().id(), "walkin"),
                                PrintService.badgeOf(result.participant()));
                    }
                    return result;
                }, executors.background())
                .handleAsync((result, failure) -> {
                    busy.set(false);
                    if (failure != null) {
                        error.set(Failures.reason(failure));
                        return null;
                    }
                    return result;
                }, executors.ui());
    }

    String validate() {
        if (name.get() == null || name.get().isBlank()) {
            return texts.get("walkin.name.missing");
        }
        for (Answer a : answers) {
            String v = a.value().get();
            boolean empty = v == null || v.isBlank() || a.field().type().equals("checkbox") && v.equals("false");
            if (a.field().required() && empty) {
                return texts.get("walkin.field.missing", a.field().label());
            }
        }
        if (!consent.get()) {
            return texts.get("walkin.consent.missing");
        }
        return null;
    }

    /** A warning for staff when the walk-in's email is already registered (the server will merge them). */
    public String sameEmailWarning(WalkInService.Result result) {
        if (result.sameEmail().isEmpty()) {
            return null;
        }
        return texts.get("walkin.sameEmail", result.sameEmail().get(0).name());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public PrintFeedback printFeedback() {
        return printFeedback;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty emailProperty() {
        return email;
    }

    public StringProperty phoneProperty() {
        return phone;
    }

    public StringProperty companyProperty() {
        return company;
    }

    public BooleanProperty consentProperty() {
        return consent;
    }

    public BooleanProperty admitNowProperty() {
        return admitNow;
    }

    public BooleanProperty printBadgeProperty() {
        return printBadge;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
