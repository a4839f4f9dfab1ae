package dev.lanyard.kiosk.ui.unlock;

import dev.lanyard.kiosk.core.attempts.AttemptLimiter;
import dev.lanyard.kiosk.core.Failures;
import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskOptions;
import dev.lanyard.kiosk.core.unlock.UnlockException;
import dev.lanyard.kiosk.core.unlock.UnlockSecretRule;
import dev.lanyard.kiosk.ui.StaffSecret;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Staff unlock: the PIN or password derives the replica's key, offline, on this machine. A
 * wrong one opens nothing and changes nothing in the replica; it is counted in the data folder,
 * and too many lock the unlock out for growing whiles. The staff member's name (optional) is recorded
 * on every check-in made at this door.
 */
public final class UnlockViewModel {
    /** An unlocked kiosk, the staff check for later, and who is at the door. */
    public record Unlocked(Kiosk kiosk, StaffSecret staff, String operator) {
    }

    private final Path dataDir;
    private final Texts texts;
    private final UiExecutors executors;
    private final Function<KioskOptions, KioskOptions> tuning;
    private final AttemptLimiter attempts;
    private final StringProperty pin = new SimpleStringProperty(this, "pin", "");
    private final StringProperty operator = new SimpleStringProperty(this, "operator", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    public UnlockViewModel(Path dataDir, Texts texts, UiExecutors executors,
            Function<KioskOptions, KioskOptions> tuning) {
        this(dataDir, texts, executors, tuning, Clock.systemUTC());
    }

    public UnlockViewModel(Path dataDir, Texts texts, UiExecutors executors,
            Function<KioskOptions, KioskOptions> tuning, Clock clock) {
        this.dataDir = dataDir;
        this.texts = texts;
        this.executors = executors;
        this.tuning = tuning;
        this.attempts = AttemptLimiter.unlock(dataDir, clock);
    }

    /** Refused before trying: the wait left when the PIN was typed. */
    private static final class LockedOut extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Duration wait;

        LockedOut(Duration wait) {
            super(null, null, false, false);
            this.wait = wait;
        }
    }

    /** Completes with the unlocked kiosk, or with null after showing why not. */
    public CompletableFuture<Unlocked> unlock() {
        if (busy.get()) {
            // a try under way, or one that succeeded while the door's session opens: a second would open the
            // replica twice in this process
            return CompletableFuture.completedFuture(null);
        }
        if (pin.get().isEmpty()) {
            error.set(texts.get("unlock.empty"));
            return CompletableFuture.completedFuture(null);
        }
        char[] secret = pin.get().toCharArray();
        String who = operator.get();
        pin.set("");
        if (UnlockSecretRule.looksScanned(secret)) {
            // a badge scanned at a locked door (a restart near the queue): not a try at the secret, so it neither
            // counts towards the lock-out nor costs a key derivation; no new secret may have this shape (ADR 0355)
            Arrays.fill(secret, '\0');
            error.set(texts.get("unlock.scanned"));
            return CompletableFuture.completedFuture(null);
        }
        return tryUnlock(secret, who);
    }

    /**
     * Unlocks with the secret given at launch ({@code --unlock-file}, {@code LANYARD_UNLOCK}): no scanner typed it, so
     * a secret set before ADR 0355 that has a ticket code's shape is tried too. Wrong ones count as typed ones do.
     */
    public CompletableFuture<Unlocked> unlockGiven(char[] given) {
        if (busy.get()) {
            return CompletableFuture.completedFuture(null);
        }
        return tryUnlock(Arrays.copyOf(given, given.length), operator.get());
    }

    private CompletableFuture<Unlocked> tryUnlock(char[] secret, String who) {
        busy.set(true);
        error.set("");
        return CompletableFuture.supplyAsync(() -> {
            try {
                Duration wait = attempts.begin();
                if (!wait.isZero()) {
                    throw new LockedOut(wait);
                }
                StaffSecret staff = StaffSecret.of(secret);
                Kiosk kiosk = Kiosk.open(tuning.apply(KioskOptions.defaults(dataDir,
                        Arrays.copyOf(secret, secret.length))), false);
                attempts.succeeded();
                return new Unlocked(kiosk, staff, who == null || who.isBlank() ? null : who.strip());
            } finally {
                Arrays.fill(secret, '\0');
            }
        }, executors.background()).handleAsync((unlocked, failure) -> {
            if (failure != null) {
                busy.set(false);
                Throwable cause = Failures.cause(failure);
                error.set(cause instanceof LockedOut locked ? texts.get("unlock.locked", texts.waitFor(locked.wait))
                        : cause instanceof UnlockException ? texts.get("unlock.wrong")
                        : texts.get("unlock.failed", Failures.reason(failure)));
                return null;
            }
            return unlocked;
        }, executors.ui());
    }

    /**
     * Opening the unlocked door failed after all (the kiosk is closed): the screen says why and takes a new try. A
     * screen that only came back looked like a PIN not taken, and staff typed it again into the same failure.
     */
    public void openFailed(Throwable failure) {
        busy.set(false);
        error.set(texts.get("unlock.failed", Failures.reason(failure)));
    }

    public StringProperty pinProperty() {
        return pin;
    }

    public StringProperty operatorProperty() {
        return operator;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
