package dev.lanyard.kiosk.ui.unlock;

import dev.lanyard.kiosk.core.Failures;
import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskOptions;
import dev.lanyard.kiosk.core.store.UnlockException;
import dev.lanyard.kiosk.ui.StaffSecret;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import java.nio.file.Path;
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
 * wrong one opens nothing and changes nothing. The staff member's name (optional) is recorded
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
    private final StringProperty pin = new SimpleStringProperty(this, "pin", "");
    private final StringProperty operator = new SimpleStringProperty(this, "operator", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    public UnlockViewModel(Path dataDir, Texts texts, UiExecutors executors, Function<KioskOptions, KioskOptions> tuning) {
        this.dataDir = dataDir;
        this.texts = texts;
        this.executors = executors;
        this.tuning = tuning;
    }

    /** Completes with the unlocked kiosk, or with null after showing why not. */
    public CompletableFuture<Unlocked> unlock() {
        if (pin.get().isEmpty()) {
            error.set(texts.get("unlock.empty"));
            return CompletableFuture.completedFuture(null);
        }
        char[] secret = pin.get().toCharArray();
        String who = operator.get();
        pin.set("");
        busy.set(true);
        error.set("");
        return CompletableFuture.supplyAsync(() -> {
            try {
                StaffSecret staff = StaffSecret.of(secret);
                Kiosk kiosk = Kiosk.open(tuning.apply(KioskOptions.defaults(dataDir, Arrays.copyOf(secret, secret.length))), false);
                return new Unlocked(kiosk, staff, who == null || who.isBlank() ? null : who.strip());
            } finally {
                Arrays.fill(secret, '\0');
            }
        }, executors.background()).handleAsync((unlocked, failure) -> {
            busy.set(false);
            if (failure != null) {
                error.set(Failures.cause(failure) instanceof UnlockException ? texts.get("unlock.wrong")
                        : texts.get("unlock.failed", Failures.reason(failure)));
                return null;
            }
            return unlocked;
        }, executors.ui());
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
