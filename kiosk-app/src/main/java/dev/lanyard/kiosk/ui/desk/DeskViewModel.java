package dev.lanyard.kiosk.ui.desk;

import dev.lanyard.kiosk.core.ConflictListener;
import dev.lanyard.kiosk.core.ConflictNotice;
import dev.lanyard.kiosk.core.Failures;
import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.ReplicaListener;
import dev.lanyard.kiosk.core.ScanResult;
import dev.lanyard.kiosk.core.search.SearchHit;
import dev.lanyard.kiosk.core.search.SearchService;
import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.kiosk.ui.Formats;
import dev.lanyard.kiosk.ui.KioskSession;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.kiosk.ui.printing.PrintFeedback;
import dev.lanyard.kiosk.ui.printing.PrintService;
import dev.lanyard.model.Participant;
import dev.lanyard.model.RegistrationStatus;
import dev.lanyard.model.ScanOutcome;
import dev.lanyard.model.TicketCodes;
import dev.lanyard.model.merge.ParticipantDay;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
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
    private final AtomicLong searchGeneration = new AtomicLong();
    private final AtomicBoolean countersQueued = new AtomicBoolean();

    private final ReadOnlyObjectWrapper<ResultKind> resultKind =
            new ReadOnlyObjectWrapper<>(this, "resultKind", ResultKind.IDLE);
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", "");
    private final ReadOnlyStringWrapper resultName = new ReadOnlyStringWrapper(this, "resultName", "");
    private final ReadOnlyStringWrapper resultCompany = new ReadOnlyStringWrapper(this, "resultCompany", "");
    private final ReadOnlyStringWrapper resultDetail = new ReadOnlyStringWrapper(this, "resultDetail", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ObservableList<SearchRow> searchResults = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper searchMore = new ReadOnlyBooleanWrapper(this, "searchMore");
    private final ReadOnlyIntegerWrapper registered = new ReadOnlyIntegerWrapper(this, "registered");
    private final ReadOnlyIntegerWrapper checkedInToday = new ReadOnlyIntegerWrapper(this, "checkedInToday");
    private final ReadOnlyStringWrapper conflictText = new ReadOnlyStringWrapper(this, "conflictText", "");
    private final ReadOnlyBooleanWrapper conflictVisible = new ReadOnlyBooleanWrapper(this, "conflictVisible");
    private final ReadOnlyBooleanWrapper reprintPending = new ReadOnlyBooleanWrapper(this, "reprintPending");
    private final ReadOnlyObjectWrapper<UUID> lastParticipant = new ReadOnlyObjectWrapper<>(this, "lastParticipant");
    private final ReadOnlyObjectWrapper<ScanResult> lastResult = new ReadOnlyObjectWrapper<>(this, "lastResult");
    private volatile Long openConflict;

    private final ReplicaListener replicaListener = new ReplicaListener() {
        @Override
        public void participantsChanged(UUID eventId, Collection<Participant> participants) {
            countersChanged(eventId);
        }

        @Override
        public void checkInsChanged(UUID eventId, Collection<ParticipantDay> keys) {
            countersChanged(eventId);
        }
    };
    private final ConflictListener conflictListener = notice -> uiLoadConflicts();

    public DeskViewModel(KioskSession session, Texts texts, UiExecutors executors) {
        this.session = session;
        this.kiosk = session.kiosk();
        this.texts = texts;
        this.executors = executors;
        this.zone = session.event().timezone();
        this.syncBar = new SyncBarViewModel(kiosk.syncStatus(), texts, executors, zone,
                () -> kiosk.peers().map(dev.lanyard.kiosk.core.peer.PeerNode::summary).orElse(null));
        this.printFeedback = new PrintFeedback(session.printing(), texts, executors);
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
        kiosk.replicaEvents().add(replicaListener);
        kiosk.notices().addListener(conflictListener);
        syncBar.start();
        printFeedback.start();
        refreshCounters();
        executors.background().execute(() -> executors.ui().execute(this::loadConflicts));
    }

    public void stop() {
        kiosk.replicaEvents().remove(replicaListener);
        kiosk.notices().removeListener(conflictListener);
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
            if (result != null && autoPrint && result.outcome() == ScanOutcome.ADMITTED
                    && session.settings().autoPrint()) {
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
        return CompletableFuture.runAsync(() -> participant(result.participantId()).ifPresent(p -> printFeedback.submit(
                PrintService.badgeKey(p.id(), "admit-" + result.opId()), PrintService.badgeOf(p))),
                executors.background());
    }

    private Optional<Participant> participant(UUID id) {
        return id == null ? Optional.empty() : kiosk.replica().write(tx -> ParticipantStore.find(tx, id));
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
            Optional<Participant> p = participant(pid);
            if (p.isEmpty()) {
                return null;
            }
            int printed = session.printing().printedCount(pid);
            if (printed > 0 && !confirmed) {
                return new Object[] {p.get(), printed};
            }
            printFeedback.submit(PrintService.badgeKey(pid, "reprint-" + UUID.randomUUID()),
                    PrintService.badgeOf(p.get()));
            return new Object[] {p.get(), -1};
        }, executors.background()).thenApplyAsync(outcome -> {
            if (outcome == null) {
                return false;
            }
            Participant p = (Participant) outcome[0];
            int printed = (Integer) outcome[1];
            if (printed > 0) {
                reprintPending.set(true);
                message.set(texts.get("desk.reprint.confirm", p.name(), printed));
                return false;
            }
            reprintPending.set(false);
            message.set(texts.get("desk.reprint.queued", p.name()));
            return true;
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
        long generation = searchGeneration.incrementAndGet();
        String q = query == null ? "" : query.strip();
        if (q.length() < 2) {
            searchResults.clear();
            searchMore.set(false);
            return CompletableFuture.completedFuture(null);
        }
        UUID event = eventId();
        LocalDate day = day();
        return CompletableFuture.supplyAsync(() -> kiosk.search().search(event, q, day, SEARCH_LIMIT),
                executors.background())
                .thenAcceptAsync(page -> {
                    if (generation != searchGeneration.get()) {
                        return;
                    }
                    searchResults.setAll(page.hits().stream().map(DeskViewModel::row).toList());
                    searchMore.set(page.more());
                }, executors.ui());
    }

    public void clearSearch() {
        searchGeneration.incrementAndGet();
        searchResults.clear();
        searchMore.set(false);
    }

    private static SearchRow row(SearchHit h) {
        return new SearchRow(h.participantId(), h.name(), h.company(), h.email(), h.ticketCode(), h.checkedIn(),
                h.registrationStatus() == RegistrationStatus.REGISTERED);
    }

    private void countersChanged(UUID event) {
        if (session.chosen() && event.equals(eventId()) && countersQueued.compareAndSet(false, true)) {
            executors.background().execute(() -> {
                countersQueued.set(false);
                loadCounters();
            });
        }
    }

    public CompletableFuture<Void> refreshCounters() {
        return CompletableFuture.runAsync(this::loadCounters, executors.background());
    }

    private void loadCounters() {
        UUID event = eventId();
        int total = kiosk.replica().write(tx -> ParticipantStore.count(tx, event));
        int in = kiosk.checkedInCount(event, day());
        executors.ui().execute(() -> {
            registered.set(total);
            checkedInToday.set(in);
        });
    }

    private void uiLoadConflicts() {
        executors.ui().execute(this::loadConflicts);
    }

    private void loadConflicts() {
        List<ConflictNotice> open = kiosk.notices().open().stream().filter(n -> n.eventId().equals(eventId())).toList();
        if (open.isEmpty()) {
            openConflict = null;
            conflictVisible.set(false);
            conflictText.set("");
        } else {
            ConflictNotice newest = open.get(open.size() - 1);
            openConflict = newest.id();
            conflictVisible.set(true);
            conflictText.set(open.size() == 1 ? newest.message()
                    : texts.get("desk.conflict.more", newest.message(), open.size() - 1));
        }
    }

    /** Staff saw the conflict banner: acknowledge the notice shown (the next one, if any, appears). */
    public CompletableFuture<Void> acknowledgeConflict() {
        Long id = openConflict;
        if (id == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> kiosk.notices().acknowledge(id), executors.background())
                .thenRunAsync(this::loadConflicts, executors.ui());
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
        return FXCollections.unmodifiableObservableList(searchResults);
    }

    public ReadOnlyBooleanProperty searchMoreProperty() {
        return searchMore.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty registeredProperty() {
        return registered.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty checkedInTodayProperty() {
        return checkedInToday.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty conflictTextProperty() {
        return conflictText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty conflictVisibleProperty() {
        return conflictVisible.getReadOnlyProperty();
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
        return texts.get("desk.counters", registered.get(), checkedInToday.get());
    }
}
