package dev.lanyard.kiosk.ui.firstrun;

import dev.lanyard.kiosk.core.Failures;
import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.device.RemoteWipe;
import dev.lanyard.kiosk.core.unlock.UnlockSecretRule;
import dev.lanyard.kiosk.core.KioskOptions;
import dev.lanyard.kiosk.core.sync.SyncException;
import dev.lanyard.kiosk.ui.StaffSecret;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * First run: choose the staff PIN (it unlocks the encrypted replica from now on) and pair with
 * a server, by URL and code or by the pairing QR read with the scanner into the server field
 * (the QR carries JSON: server, code and the certificate fingerprint to pin). When the kiosk
 * is already created but not paired yet, only the pairing part is asked.
 */
public final class FirstRunViewModel {

    /** What pairing produced: the open, paired kiosk and the staff secret check. */
    public record Paired(Kiosk kiosk, StaffSecret staff) {
    }

    private final Path dataDir;
    private final Texts texts;
    private final UiExecutors executors;
    private final Function<KioskOptions, KioskOptions> tuning;
    private volatile Kiosk kiosk;
    private volatile StaffSecret staff;
    private final ReadOnlyBooleanWrapper needsPin = new ReadOnlyBooleanWrapper(this, "needsPin");
    private final StringProperty pin = new SimpleStringProperty(this, "pin", "");
    private final StringProperty pinAgain = new SimpleStringProperty(this, "pinAgain", "");
    private final StringProperty server = new SimpleStringProperty(this, "server", "");
    private final StringProperty code = new SimpleStringProperty(this, "code", "");
    private final StringProperty deviceName = new SimpleStringProperty(this, "deviceName", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper(this, "progress", "");

    /**
     * @param existing an unlocked kiosk that is not paired yet (then no PIN is asked), or null for a new data folder
     * @param tuning   adjusts the options a new kiosk opens with (tests shorten timings)
     */
    public FirstRunViewModel(Path dataDir, Kiosk existing, StaffSecret existingStaff, Texts texts,
                             UiExecutors executors,
                             Function<KioskOptions, KioskOptions> tuning) {
        this.dataDir = dataDir;
        this.kiosk = existing;
        this.staff = existingStaff;
        this.texts = texts;
        this.executors = executors;
        this.tuning = tuning;
        needsPin.set(existing == null);
        deviceName.set(defaultDeviceName());
        if (existing == null && RemoteWipe.notice(dataDir).isPresent()) {
            error.set(texts.get("firstrun.revoked"));
        }
    }

    private static String defaultDeviceName() {
        String host = System.getenv("HOSTNAME");
        return host == null || host.isBlank() ? "Door 1" : host;
    }

    /** Checks the form and pairs; completes with the paired kiosk, or with null after showing an error. */
    public CompletableFuture<Paired> pair() {
        String problem = validate();
        if (problem != null) {
            error.set(problem);
            return CompletableFuture.completedFuture(null);
        }
        error.set("");
        busy.set(true);
        progress.set(texts.get("firstrun.pairing"));
        char[] secret = pin.get().toCharArray();
        String serverText = server.get().strip();
        String codeText = code.get().strip();
        String name = deviceName.get().isBlank() ? defaultDeviceName() : deviceName.get().strip();
        return CompletableFuture.supplyAsync(() -> {
            try {
                if (kiosk == null) {
                    staff = StaffSecret.of(secret);
                    kiosk = Kiosk.open(tuning.apply(KioskOptions.defaults(dataDir,
                            Arrays.copyOf(secret, secret.length))), true);
                }
                if (serverText.startsWith("{")) {
                    kiosk.pairFromPayload(serverText, name);
                } else {
                    kiosk.pair(serverText, codeText, name, null);
                }
                kiosk.bootstrap(p -> executors.ui().execute(() ->
                        progress.set(texts.get("firstrun.download", p.done(), p.total()))));
                return new Paired(kiosk, staff);
            } catch (SyncException e) {
                throw new CompletionException(e);
            } finally {
                Arrays.fill(secret, '\0');
            }
        }, executors.background()).handleAsync((paired, failure) -> {
            busy.set(false);
            if (failure != null) {
                needsPin.set(kiosk == null);
                progress.set("");
                error.set(Failures.cause(failure) instanceof SyncException s && s.status() == 429 && s.retryAfter()
                        != null
                        ? texts.get("firstrun.tooManyAttempts", texts.waitFor(s.retryAfter()))
                        : texts.get("firstrun.failed", Failures.reason(failure)));
                return null;
            }
            progress.set(texts.get("firstrun.done"));
            return paired;
        }, executors.ui());
    }

    /** The reason the form cannot be sent, or null. */
    String validate() {
        if (needsPin.get()) {
            // the core refuses a weak secret too (WeakSecretException); checked here to say why in the UI's language
            java.util.Optional<UnlockSecretRule.Problem> weak = UnlockSecretRule.check(pin.get().toCharArray());
            if (weak.isPresent()) {
                return switch (weak.get()) {
                    case TOO_SHORT -> texts.get("firstrun.pin.short", UnlockSecretRule.MIN_LENGTH);
                    case TOO_FEW_DIFFERENT -> texts.get("firstrun.pin.fewDifferent", UnlockSecretRule.MIN_DISTINCT);
                    case A_SEQUENCE -> texts.get("firstrun.pin.sequence");
                    case A_TICKET_CODE -> texts.get("firstrun.pin.ticketCode");
                };
            }
            if (!pin.get().equals(pinAgain.get())) {
                return texts.get("firstrun.pin.mismatch");
            }
        }
        String s = server.get().strip();
        if (s.isEmpty()) {
            return texts.get("firstrun.server.missing");
        }
        if (!s.startsWith("{") && code.get().isBlank()) {
            return texts.get("firstrun.code.missing");
        }
        return null;
    }

    public ReadOnlyBooleanProperty needsPinProperty() {
        return needsPin.getReadOnlyProperty();
    }

    public StringProperty pinProperty() {
        return pin;
    }

    public StringProperty pinAgainProperty() {
        return pinAgain;
    }

    public StringProperty serverProperty() {
        return server;
    }

    public StringProperty codeProperty() {
        return code;
    }

    public StringProperty deviceNameProperty() {
        return deviceName;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }
}
