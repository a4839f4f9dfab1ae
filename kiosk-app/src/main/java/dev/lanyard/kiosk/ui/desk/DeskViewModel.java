package dev.lanyard.kiosk.ui.desk;

import dev.lanyard.kiosk.core.Failures;
import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.checkin.ScanResult;
import dev.lanyard.kiosk.ui.Formats;
import dev.lanyard.kiosk.ui.KioskSession;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.kiosk.ui.printing.PrintFeedback;
import dev.lanyard.kiosk.core.printing.BadgeDecisions;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ScanOutcome;
import dev.lanyard.model.TicketCodes;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;

/**
 * The check-in desk. Every scan, admit and undo is decided and committed by the core on its
 * door thread; this class turns the result into the big panel (colour, headline, name, when
 * and where), plays the sound for it, prints the badge when auto-print is on, and keeps the
 * counters, search results, printer strip and conflict banner current.
 */
public final class DeskViewModel {
    public static final int SEARCH_LIMIT = 30;
    private final KioskSession session;
    private final Kiosk kiosk;
    private final Texts texts;
    private final UiExecutors executors;
    private final ZoneId zone;
    private final SyncBarViewModel syncBar;
    private final PrintFeedback printFeedback;
    private final DeskSearch search;
    private final DeskCounters counters;
    private final ConflictBanner conflicts;

    private final ReadOnlyObjectWrapper<ResultKind> resultKind =
            new ReadOnlyObjectWrapper<>(this, "resultKind", ResultKind.IDLE);
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", "");
    private final ReadOnlyStringWrapper resultName = new ReadOnlyStringWrapper(this, "resultName", "");
    private final ReadOnlyStringWrapper resultCompany = new ReadOnlyStringWrapper(this, "resultCompany", "");
    private final ReadOnlyStringWrapper resultDetail = new ReadOnlyStringWrapper(this, "resultDetail", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper reprintPending = new ReadOnlyBooleanWrapper(this, "reprintPending");
    private final ReadOnlyObjectWrapper<UUID> lastParticipant = new ReadOnlyObjectWrapper<>(this, "lastParticipant");
    private final ReadOnlyObjectWrapper<ScanResult> lastResult = new ReadOnlyObjectWrapper<>(this, "lastResult");


    public DeskViewModel(KioskSession session, Texts texts, UiExecutors executors) {
        this.session = session;
        this.kiosk = session.kiosk();
        this.texts = texts;
        this.executors = executors;
        this.zone = session.event().timezone();
        this.syncBar = new SyncBarViewModel(kiosk.syncStatus(), texts, executors, zone,
                () -> kiosk.peers().map(dev.lanyard.kiosk.core.peer.PeerNode::summary).orElse(null));
        this.printFeedback = new PrintFeedback(session.printing(), texts, executors);
        this.search = new DeskSearch(kiosk::search, executors);
        this.counters = new DeskCounters(session, executors);
        this.conflicts = new ConflictBanner(kiosk, session::eventId, texts, executors);
        headline.set(texts.get("desk.idle"));
    }

    public SyncBarViewModel syncBar() {
        return syncBar;
    }

    public PrintFeedback printFeedback() {
        return printFeedback;
    }

    /** Starts listening to the core (counters, sync, conflicts, printer). */
    public void start() {
        counters.start();
        conflicts.start();
        syncBar.start();
        printFeedback.start();
        refreshCounters();
    }

    public void stop() {
        counters.stop();
        conflicts.stop();
        syncBar.stop();
        printFeedback.stop();
    }

    private UUID eventId() {
        return session.eventId();
    }

    private LocalDate day() {
        return session.day();
    }

    /** The scan field was submitted (Enter, Tab, or the end of a scanner burst). */
    public CompletableFuture<ScanResult> submit(String text) {
        String code = text == null ? "" : text.strip();
        if (code.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        clearReprint();
        return show(kiosk.checkIns().scan(eventId(), code, day()), true);
    }

    /** Admits a participant picked from search or detail. */
    public CompletableFuture<ScanResult> checkIn(UUID participantId) {
        clearReprint();
        return show(kiosk.checkIns().checkIn(eventId(), participantId, day()), true);
    }

    /** Takes back today's admission of the participant shown last. */
    public CompletableFuture<ScanResult> undoLast() {
        UUID pid = lastParticipant.get();
        if (pid == null) {
            message.set(texts.get("desk.undo.nothing"));
            return CompletableFuture.completedFuture(null);
        }
        return undo(pid);
    }

    public CompletableFuture<ScanResult> undo(UUID participantId) {
        clearReprint();
        return show(kiosk.checkIns().undo(eventId(), participantId, day()), false);
    }

    /** Shows a result made elsewhere (a walk-in's admission). */
    public void showResult(ScanResult result) {
        present(result);
        lastResult.set(result);
    }

    /** A note for staff in the message line, until the next result. */
    public void showNote(String note) {
        message.set(note);
    }

    private CompletableFuture<ScanResult> show(CompletableFuture<ScanResult> work, boolean autoPrint) {
        return work.handleAsync((result, error) -> {
            if (error != null) {
                failed(error);
                return null;
            }
            present(result);
            lastResult.set(result);
            return result;
        }, executors.ui()).thenCompose(result -> {
            if (result != null && autoPrint && BadgeDecisions.printsOnAdmit(result.outcome(),
                    session.settings().autoPrint())) {
                return printOnAdmit(result).thenApply(ignored -> result);
            }
            return CompletableFuture.completedFuture(result);
        });
    }

    private void failed(Throwable error) {
        Throwable cause = Failures.cause(error);
        resultKind.set(ResultKind.REFUSED);
        headline.set(texts.get("desk.error.headline"));
        resultName.set("");
        resultCompany.set("");
        resultDetail.set(cause.getMessage() == null ? cause.toString() : cause.getMessage());
        // the panel names no one now: F8, F5 and F4 must not act on whoever was shown before it
        lastParticipant.set(null);
        lastResult.set(null);
        play(ResultKind.REFUSED);
    }

    void present(ScanResult r) {
        ResultKind kind = ResultKind.of(r.outcome(), r.warn());
        resultKind.set(kind);
        headline.set(texts.get("outcome." + r.outcome().name()
                + (r.outcome() == ScanOutcome.REENTRY && r.warn() ? ".warn" : "")));
        resultName.set(r.name() == null ? TicketCodes.printable(r.ticketCode()) : r.name());
        resultCompany.set(r.company() == null ? "" : r.company());
        resultDetail.set(detail(r));
        message.set("");
        lastParticipant.set(r.participantId());
        play(kind);
    }

    /** A sound that cannot be played must never cost a check-in: the result is already committed. */
    private void play(ResultKind kind) {
        if (kind.sound() == null) {
            return;
        }
        try {
            session.sounds().play(kind.sound());
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(DeskViewModel.class).warn("sound failed", e);
        }
    }

    private String detail(ScanResult r) {
        String own = kiosk.identity().deviceId();
        StringBuilder out = new StringBuilder();
        switch (r.outcome()) {
            case ALREADY_IN, REENTRY -> {
                if (r.firstAdmittedAt() != null) {
                    out.append(texts.get("desk.firstAdmitted", Formats.minutes(r.firstAdmittedAt(), zone),
                            Formats.door(r.firstDevice(), own, texts)));
                    if (Boolean.TRUE.equals(r.firstAdmittedEstimated())) {
                        out.append(" ").append(texts.get("desk.firstAdmitted.corrected"));
                    }
                }
            }
            case UNKNOWN_CODE -> out.append(texts.get(TicketCodes.shape(r.ticketCode()) == TicketCodes.Shape.BAD_CHECK
                    ? "desk.detail.badCheck" : "desk.detail.unknown"));
            case WRONG_EVENT -> out.append(texts.get("desk.detail.wrongEvent"));
            case CANCELLED -> out.append(texts.get("desk.detail.cancelled"));
            case NOT_TODAY -> out.append(texts.get("desk.detail.notToday", r.day()));
            case UNDONE -> out.append(texts.get("desk.detail.undone"));
            case ADMITTED -> out.append(texts.get("desk.detail.admitted", r.day()));
        }
        if (r.duplicate()) {
            out.append(out.length() > 0 ? " · " : "").append(texts.get("desk.detail.duplicate"));
        }
        return out.toString();
    }

    private CompletableFuture<Void> printOnAdmit(ScanResult result) {
        if (!session.printing().configured()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> {
            try {
                session.badges().onAdmit(result.participantId(), result.opId())
                        .ifPresent(badge -> printFeedback.submit(badge.key(), badge.data()));
            } catch (RuntimeException e) {
                // the admission stands; its badge must not go missing unseen
                printFeedback.notQueued(result.name(), e);
            }
        }, executors.background());
    }

    /**
     * Reprints the badge of the participant shown last. When a badge was printed before, the first
     * call only asks for confirmation ({@link #reprintPendingProperty()}); a second call prints.
     */
    public CompletableFuture<Boolean> reprintLast() {
        UUID pid = lastParticipant.get();
        if (pid == null) {
            message.set(texts.get("desk.reprint.nothing"));
            return CompletableFuture.completedFuture(false);
        }
        return reprint(pid);
    }

    public CompletableFuture<Boolean> reprint(UUID pid) {
        if (!session.printing().configured()) {
            message.set(texts.get("print.noPrinter"));
            return CompletableFuture.completedFuture(false);
        }
        boolean confirmed = reprintPending.get();
        return CompletableFuture.supplyAsync(() -> {
            BadgeDecisions.Reprint reprint = session.badges().reprint(pid, confirmed);
            boolean queued = reprint.badge() != null && printFeedback.submit(reprint.badge().key(),
                    reprint.badge().data());
            return java.util.Map.entry(reprint, queued);
        }, executors.background()).thenApplyAsync(asked -> {
            BadgeDecisions.Reprint reprint = asked.getKey();
            if (reprint.participant() == null) {
                return false;
            }
            Participant p = reprint.participant();
            int printed = reprint.askFirst() ? reprint.printedBefore() : -1;
            if (printed > 0) {
                reprintPending.set(true);
                message.set(texts.get("desk.reprint.confirm", p.name(), printed));
                return false;
            }
            reprintPending.set(false);
            // not queued: the printer line says why
            message.set(texts.get(asked.getValue() ? "desk.reprint.queued" : "desk.reprint.notQueued", p.name()));
            return asked.getValue();
        }, executors.ui());
    }

    /** Escape: drop a pending reprint confirmation and clear the field's message. */
    public void clearReprint() {
        if (reprintPending.get()) {
            reprintPending.set(false);
            message.set("");
        }
    }

    /** Search as you type; results older than the latest query are dropped. */
    public CompletableFuture<Void> search(String query) {
        return search.search(eventId(), day(), query, SEARCH_LIMIT);
    }

    public void clearSearch() {
        search.clear();
    }

    public CompletableFuture<Void> refreshCounters() {
        return counters.refresh();
    }

    /** Staff saw the conflict banner: acknowledge the notice shown (the next one, if any, appears). */
    public CompletableFuture<Void> acknowledgeConflict() {
        return conflicts.acknowledge();
    }

    public ReadOnlyObjectProperty<ResultKind> resultKindProperty() {
        return resultKind.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultNameProperty() {
        return resultName.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultCompanyProperty() {
        return resultCompany.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultDetailProperty() {
        return resultDetail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ObservableList<SearchRow> searchResults() {
        return search.results();
    }

    public ReadOnlyBooleanProperty searchMoreProperty() {
        return search.moreProperty();
    }

    public ReadOnlyIntegerProperty registeredProperty() {
        return counters.registeredProperty();
    }

    public ReadOnlyIntegerProperty checkedInTodayProperty() {
        return counters.checkedInTodayProperty();
    }

    public ReadOnlyStringProperty conflictTextProperty() {
        return conflicts.textProperty();
    }

    public ReadOnlyBooleanProperty conflictVisibleProperty() {
        return conflicts.visibleProperty();
    }

    public ReadOnlyBooleanProperty reprintPendingProperty() {
        return reprintPending.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<UUID> lastParticipantProperty() {
        return lastParticipant.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ScanResult> lastResultProperty() {
        return lastResult.getReadOnlyProperty();
    }

    /** The counters line: "Registered 1,234 · Checked in today 456". */
    public String countersText() {
        return texts.get("desk.counters", counters.registeredProperty().get(), counters.checkedInTodayProperty().get());
    }
}
