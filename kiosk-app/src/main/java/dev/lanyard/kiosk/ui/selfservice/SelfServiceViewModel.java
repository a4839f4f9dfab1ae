package dev.lanyard.kiosk.ui.selfservice;

import dev.lanyard.kiosk.core.attempts.AttemptLimiter;
import dev.lanyard.kiosk.core.Failures;
import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.checkin.ScanResult;
import dev.lanyard.kiosk.core.unlock.UnlockSecretRule;
import dev.lanyard.kiosk.ui.KioskSession;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.kiosk.ui.desk.ResultKind;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ScanOutcome;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Self-service: attendees check themselves in by scanning their ticket or typing their email
 * (an exact match only: nothing is listed, no other person's data is ever shown), and see a
 * large welcome with their own name while their badge prints. Leaving the mode needs the
 * staff PIN, and wrong PINs lock it out for growing whiles (counted in the replica, so neither
 * a restart nor a new screen starts the count again).
 */
public final class SelfServiceViewModel {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SelfServiceViewModel.class);
    public enum Mode { SCAN, EMAIL, WELCOME, PROBLEM, EXIT }

    private final KioskSession session;
    private final Kiosk kiosk;
    private final Texts texts;
    private final UiExecutors executors;
    private final AttemptLimiter exitAttempts;
    private final ReadOnlyObjectWrapper<Mode> mode = new ReadOnlyObjectWrapper<>(this, "mode", Mode.SCAN);
    private final ReadOnlyObjectWrapper<ResultKind> kind = new ReadOnlyObjectWrapper<>(this, "kind", ResultKind.IDLE);
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", "");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
    private final ReadOnlyStringWrapper exitError = new ReadOnlyStringWrapper(this, "exitError", "");

    public SelfServiceViewModel(KioskSession session, Texts texts, UiExecutors executors) {
        this.session = session;
        this.kiosk = session.kiosk();
        this.texts = texts;
        this.executors = executors;
        this.exitAttempts = new AttemptLimiter(kiosk.selfServiceExitAttempts(),
                session.clock(), AttemptLimiter.STAFF_PIN);
        reset();
    }

    /** Back to "scan your ticket" (after a welcome, or when the attendee walks away). */
    public void reset() {
        mode.set(Mode.SCAN);
        kind.set(ResultKind.IDLE);
        headline.set(texts.get("self.scan.headline"));
        detail.set(texts.get("self.scan.detail"));
        exitError.set("");
    }

    public void findByEmail() {
        mode.set(Mode.EMAIL);
        kind.set(ResultKind.IDLE);
        headline.set(texts.get("self.email.headline"));
        detail.set(texts.get("self.email.detail"));
    }

    public CompletableFuture<ScanResult> scanned(String code) {
        return finish(kiosk.checkIns().scan(session.eventId(), code, session.day()));
    }

    /** Checks in the one registration with exactly this email; anything else sends the attendee to staff. */
    public CompletableFuture<ScanResult> emailEntered(String email) {
        String e = email == null ? "" : email.strip();
        if (e.isEmpty() || !e.contains("@")) {
            problem(texts.get("self.email.invalid"));
            return CompletableFuture.completedFuture(null);
        }
        UUID event = session.eventId();
        return CompletableFuture.supplyAsync(() -> kiosk.reads().activeByEmail(event, e), executors.background())
                .thenCompose(matches -> {
                    Optional<Participant> one = matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
                    if (one.isEmpty()) {
                        executors.ui().execute(() -> problem(texts.get(matches.isEmpty() ? "self.email.notFound"
                                : "self.email.ambiguous")));
                        return CompletableFuture.completedFuture(null);
                    }
                    return finish(kiosk.checkIns().checkIn(event, one.get().id(), session.day()));
                });
    }

    private CompletableFuture<ScanResult> finish(CompletableFuture<ScanResult> work) {
        return work.handleAsync((r, error) -> {
            if (error != null) {
                problem(texts.get("self.problem.detail") + " (" + Failures.reason(error) + ")");
                return null;
            }
            show(r);
            return r;
        }, executors.ui());
    }

    private void show(ScanResult r) {
        ResultKind k = ResultKind.of(r.outcome(), r.warn());
        if (r.admitted()) {
            mode.set(Mode.WELCOME);
            kind.set(ResultKind.ADMITTED);
            headline.set(texts.get("self.welcome", r.name()));
            boolean printing = r.outcome() == ScanOutcome.ADMITTED && session.printing().configured();
            detail.set(texts.get(printing ? "self.welcome.printing" : "self.welcome.noPrint"));
            if (printing) {
                UUID pid = r.participantId();
                String welcome = headline.get();
                executors.background().execute(() -> {
                    try {
                        session.badges().onAdmit(pid, r.opId())
                                .ifPresent(badge -> session.printing().print(badge.key(), badge.data()));
                    } catch (RuntimeException e) {
                        // the printer removed meanwhile, or the job not written: the attendee is in, without a badge
                        LOG.warn("a self-service badge was not queued", e);
                        executors.ui().execute(() -> {
                            if (mode.get() == Mode.WELCOME && welcome.equals(headline.get())) {
                                detail.set(texts.get("self.welcome.printFailed"));
                            }
                        });
                    }
                });
            }
            session.sounds().play(ResultKind.ADMITTED.sound());
        } else if (r.outcome() == ScanOutcome.ALREADY_IN) {
            mode.set(Mode.WELCOME);
            kind.set(ResultKind.WARNING);
            headline.set(texts.get("self.welcomeBack", r.name()));
            detail.set(texts.get("self.alreadyIn"));
            session.sounds().play(k.sound());
        } else {
            problem(texts.get("self.problem.detail"));
        }
    }

    private void problem(String text) {
        mode.set(Mode.PROBLEM);
        kind.set(ResultKind.REFUSED);
        headline.set(texts.get("self.problem.headline"));
        detail.set(text);
        session.sounds().play(ResultKind.REFUSED.sound());
    }

    /** Staff want out: ask for the PIN. */
    public void requestExit() {
        mode.set(Mode.EXIT);
        kind.set(ResultKind.IDLE);
        headline.set(texts.get("self.exit.headline"));
        detail.set("");
        exitError.set("");
    }

    /** @return true when the PIN is the staff's and no lock-out is running: the mode may end */
    public CompletableFuture<Boolean> confirmExit(String pin) {
        char[] attempt = pin == null ? new char[0] : pin.toCharArray();
        if (UnlockSecretRule.looksScanned(attempt)) {
            // an attendee's badge scanned into a prompt staff left open: no try at the PIN, so not counted
            exitError.set(texts.get("self.exit.scanned"));
            return CompletableFuture.completedFuture(false);
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                Duration wait = exitAttempts.begin();
                if (!wait.isZero()) {
                    return wait;
                }
                if (!session.staff().matches(attempt)) {
                    return null;
                }
                exitAttempts.succeeded();
                return Duration.ZERO;
            } finally {
                java.util.Arrays.fill(attempt, '\0');
            }
        }, executors.background()).thenApplyAsync(wait -> {
            // null: checked and wrong; zero: right; else locked out and not checked at all
            if (wait == null) {
                exitError.set(texts.get("self.exit.wrong"));
            } else if (!wait.isZero()) {
                exitError.set(texts.get("self.exit.locked", texts.waitFor(wait)));
            }
            return wait != null && wait.isZero();
        }, executors.ui());
    }

    public ReadOnlyObjectProperty<Mode> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ResultKind> kindProperty() {
        return kind.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty exitErrorProperty() {
        return exitError.getReadOnlyProperty();
    }
}
