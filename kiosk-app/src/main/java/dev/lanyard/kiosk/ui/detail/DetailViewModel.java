package dev.lanyard.kiosk.ui.detail;

import dev.lanyard.kiosk.core.Failures;
import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.checkin.ScanResult;
import dev.lanyard.kiosk.core.printing.BadgeDecisions;
import dev.lanyard.kiosk.core.reads.ParticipantReads;
import dev.lanyard.kiosk.ui.Formats;
import dev.lanyard.kiosk.ui.KioskSession;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.kiosk.ui.printing.PrintFeedback;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantField;
import dev.lanyard.model.TicketCodes;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One participant at the desk: their state today, check in, undo, reprint (confirmed when a
 * badge was printed already) and corrections to name, email, phone and company, saved as
 * last-writer-wins edits that sync like everything else.
 */
public final class DetailViewModel {
    private final KioskSession session;
    private final Kiosk kiosk;
    private final UUID participantId;
    private final Texts texts;
    private final UiExecutors executors;
    private final PrintFeedback printFeedback;
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty email = new SimpleStringProperty(this, "email", "");
    private final StringProperty phone = new SimpleStringProperty(this, "phone", "");
    private final StringProperty company = new SimpleStringProperty(this, "company", "");
    private final ReadOnlyStringWrapper ticket = new ReadOnlyStringWrapper(this, "ticket", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper checkedIn = new ReadOnlyBooleanWrapper(this, "checkedIn");
    private final ReadOnlyStringWrapper badges = new ReadOnlyStringWrapper(this, "badges", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper reprintPending = new ReadOnlyBooleanWrapper(this, "reprintPending");
    private volatile Participant loaded;
    private volatile ScanResult lastResult;

    public DetailViewModel(KioskSession session, UUID participantId, Texts texts, UiExecutors executors) {
        this.session = session;
        this.kiosk = session.kiosk();
        this.participantId = participantId;
        this.texts = texts;
        this.executors = executors;
        this.printFeedback = new PrintFeedback(session.printing(), texts, executors);
    }

    public PrintFeedback printFeedback() {
        return printFeedback;
    }

    public UUID participantId() {
        return participantId;
    }

    /** The result of the last check-in or undo made here (the desk shows it on return). */
    public ScanResult lastResult() {
        return lastResult;
    }

    public CompletableFuture<Void> load() {
        // the badge count too: the print job store keeps its lock while it writes to the replica
        return CompletableFuture.supplyAsync(() -> new Loaded(kiosk.reads().standing(participantId, session.day()),
                session.printing().printedCount(participantId)), executors.background())
                .thenAcceptAsync(loadedNow -> {
            var state = loadedNow.standing();
            Participant p = state.participant();
            loaded = p;
            name.set(nz(p.name()));
            email.set(nz(p.email()));
            phone.set(nz(p.phone()));
            company.set(nz(p.company()));
            ticket.set(p.ticketCode() == null ? "" : TicketCodes.display(p.ticketCode()));
            checkedIn.set(state.checkedIn());
            if (!p.admissible()) {
                status.set(texts.get("detail.status.notAdmissible", p.registrationStatus().wire()));
            } else if (state.checkedIn()) {
                status.set(texts.get("detail.status.in", Formats.minutes(state.firstAdmittedAt(),
                        session.event().timezone()),
                        Formats.door(state.firstDevice(), kiosk.identity().deviceId(), texts))
                        + (state.firstAdmissionCorrected() ? " " + texts.get("desk.firstAdmitted.corrected") : "")
                        + (state.duplicate() ? " · " + texts.get("desk.detail.duplicate") : ""));
            } else {
                status.set(texts.get("detail.status.out", session.day()));
            }
            badges.set(texts.get("detail.badges", loadedNow.printed()));
        }, executors.ui());
    }

    private record Loaded(ParticipantReads.DayStanding standing, int printed) {
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    public CompletableFuture<ScanResult> checkIn() {
        return act(kiosk.checkIns().checkIn(session.eventId(), participantId, session.day()));
    }

    public CompletableFuture<ScanResult> undo() {
        return act(kiosk.checkIns().undo(session.eventId(), participantId, session.day()));
    }

    private CompletableFuture<ScanResult> act(CompletableFuture<ScanResult> work) {
        return work.handleAsync((r, error) -> {
            if (error != null) {
                message.set(reason(error));
                return null;
            }
            lastResult = r;
            message.set(texts.get("outcome." + r.outcome().name() + (r.warn() ? ".warn" : "")));
            if (BadgeDecisions.printsOnAdmit(r.outcome(), session.settings().autoPrint()) && loaded != null) {
                BadgeDecisions.Badge badge = BadgeDecisions.admitBadge(loaded, r.opId());
                executors.background().execute(() -> printFeedback.submit(badge.key(), badge.data()));
            }
            return r;
        }, executors.ui()).thenCompose(r -> load().thenApply(v -> r));
    }

    /** A ticket scanned into the edit fields was taken out of them: said, nothing checked in. */
    public void scannedIntoForm(String code) {
        message.set(texts.get("form.scanned", TicketCodes.printable(code)));
    }

    /** What a reprint's background step answers besides a count of badges printed before (which asks first). */
    private static final int QUEUED = -1;
    private static final int NOT_QUEUED = -2;

    /** First call asks to confirm when a badge was printed before; the next one prints. */
    public CompletableFuture<Boolean> reprint() {
        Participant p = loaded;
        if (p == null) {
            return CompletableFuture.completedFuture(false);
        }
        if (!session.printing().configured()) {
            message.set(texts.get("print.noPrinter"));
            return CompletableFuture.completedFuture(false);
        }
        boolean confirmed = reprintPending.get();
        return CompletableFuture.supplyAsync(() -> {
            BadgeDecisions.Reprint reprint = session.badges().reprintOf(p, confirmed);
            if (reprint.askFirst()) {
                return reprint.printedBefore();
            }
            return printFeedback.submit(reprint.badge().key(), reprint.badge().data()) ? QUEUED : NOT_QUEUED;
        }, executors.background()).thenApplyAsync(printed -> {
            if (printed > 0) {
                reprintPending.set(true);
                message.set(texts.get("desk.reprint.confirm", p.name(), printed));
                return false;
            }
            reprintPending.set(false);
            boolean queued = printed == QUEUED;
            // not queued: the printer line says why
            message.set(texts.get(queued ? "desk.reprint.queued" : "desk.reprint.notQueued", p.name()));
            return queued;
        }, executors.ui());
    }

    public void cancelReprint() {
        reprintPending.set(false);
    }

    /** Saves the fields staff changed; nothing is written when nothing changed. */
    public CompletableFuture<Boolean> save() {
        Participant p = loaded;
        if (p == null) {
            return CompletableFuture.completedFuture(false);
        }
        Map<String, String> changes = new HashMap<>();
        diff(changes, ParticipantField.NAME, p.name(), name.get());
        diff(changes, ParticipantField.EMAIL, p.email(), email.get());
        diff(changes, ParticipantField.PHONE, p.phone(), phone.get());
        diff(changes, ParticipantField.COMPANY, p.company(), company.get());
        if (changes.isEmpty()) {
            message.set(texts.get("detail.nothingChanged"));
            return CompletableFuture.completedFuture(false);
        }
        if (changes.containsKey(ParticipantField.NAME.wire()) && changes.get(ParticipantField.NAME.wire()) == null) {
            message.set(texts.get("detail.nameRequired"));
            return CompletableFuture.completedFuture(false);
        }
        try {
            changes.forEach(ParticipantField::validate);
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return CompletableFuture.completedFuture(false);
        }
        return kiosk.edits().edit(session.eventId(), participantId, changes).handleAsync((edited, error) -> {
            if (error != null) {
                message.set(reason(error));
                return false;
            }
            message.set(texts.get("detail.saved"));
            return true;
        }, executors.ui()).thenCompose(ok -> load().thenApply(v -> ok));
    }

    private static void diff(Map<String, String> changes, ParticipantField field, String before, String now) {
        String after = now == null || now.isBlank() ? null : now.strip();
        if (!Objects.equals(before, after)) {
            changes.put(field.wire(), after);
        }
    }

    private static String reason(Throwable error) {
        return Failures.reason(error);
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

    public ReadOnlyStringProperty ticketProperty() {
        return ticket.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty checkedInProperty() {
        return checkedIn.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty badgesProperty() {
        return badges.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty reprintPendingProperty() {
        return reprintPending.getReadOnlyProperty();
    }
}
