package dev.lanyard.kiosk.ui.firstrun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.store.DataFolder;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.kiosk.ui.UiLanguage;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.kiosk.core.sync.Backoff;
import java.time.Duration;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** First run against the real sync-server: PIN, pairing by URL and code or by the QR payload, bootstrap. */
class FirstRunViewModelTest {
    @TempDir
    Path tmp;
    static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), () -> 0.5);
    static final String STAFF = "front door 2468";
    LiveServer live;
    Kiosk opened;

    @BeforeEach
    void start() {
        live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.WARN);
        live.add("홍길동", "gildong@example.com", "Lanyard");
        live.add("Olivia Park", "olivia@example.com", "Acme");
    }

    @AfterEach
    void stop() {
        if (opened != null) {
            opened.close();
        }
        live.close();
    }

    FirstRunViewModel vm(Path dir) {
        return new FirstRunViewModel(dir, null, null, Texts.of(UiLanguage.ENGLISH), UiExecutors.direct(),
                o -> o.withBackoff(FAST, FAST).withHeartbeatTimeout(Duration.ofSeconds(3)));
    }

    @Test
    void pairingByUrlAndCodeDownloadsTheEvent() {
        Path dir = tmp.resolve("kiosk");
        FirstRunViewModel vm = vm(dir);
        vm.pinProperty().set(STAFF);
        vm.pinAgainProperty().set(STAFF);
        vm.serverProperty().set(live.url());
        vm.codeProperty().set(live.pairingCode().code());
        vm.deviceNameProperty().set("Door 3");

        FirstRunViewModel.Paired paired = vm.pair().join();

        opened = paired.kiosk();
        assertThat(opened.paired()).isTrue();
        assertThat(opened.identity().deviceName()).isEqualTo("Door 3");
        assertThat(opened.status(false).participants()).isEqualTo(2);
        assertThat(paired.staff().matches(STAFF.toCharArray())).isTrue();
        assertThat(vm.progressProperty().get()).isEqualTo("Paired. Ready.");
    }

    @Test
    void theScannedPairingQrIsEnoughOnItsOwn() {
        FirstRunViewModel vm = vm(tmp.resolve("kiosk"));
        vm.pinProperty().set(STAFF);
        vm.pinAgainProperty().set(STAFF);
        vm.serverProperty().set(live.pairingCode().payload());

        opened = vm.pair().join().kiosk();

        assertThat(opened.paired()).isTrue();
    }

    @Test
    void aWrongCodeSaysWhyAndTheSamePinCanTryAgain() {
        Path dir = tmp.resolve("kiosk");
        FirstRunViewModel vm = vm(dir);
        vm.pinProperty().set(STAFF);
        vm.pinAgainProperty().set(STAFF);
        vm.serverProperty().set(live.url());
        vm.codeProperty().set("WRONG-CODE");

        assertThat(vm.pair().join()).isNull();
        assertThat(vm.errorProperty().get()).startsWith("Pairing failed:");
        assertThat(vm.needsPinProperty().get()).isFalse();

        vm.codeProperty().set(live.pairingCode().code());
        opened = vm.pair().join().kiosk();
        assertThat(opened.paired()).isTrue();
    }

    @Test
    void guessingCodesIsRefusedByTheServerAndTheScreenSaysHowLongToWait() {
        FirstRunViewModel vm = vm(tmp.resolve("kiosk"));
        vm.pinProperty().set(STAFF);
        vm.pinAgainProperty().set(STAFF);
        vm.serverProperty().set(live.url());
        String refusal = null;
        // five free failures, then waits of 1, 2, 4 ... s: well before the twelfth guess one is refused unheard
        for (int guess = 0; guess < 12 && refusal == null; guess++) {
            vm.codeProperty().set("WRONG-" + guess);
            assertThat(vm.pair().join()).isNull();
            if (!vm.errorProperty().get().startsWith("Pairing failed:")) {
                refusal = vm.errorProperty().get();
            }
        }
        assertThat(refusal)
                .matches("The server refuses pairing for now after too many wrong codes\\. Try again in [0-9]+ s\\.");
    }

    @Test
    void theFormIsCheckedBeforeAnythingIsCreated() {
        Path dir = tmp.resolve("kiosk");
        FirstRunViewModel vm = vm(dir);
        vm.pinProperty().set("2468");
        assertThat(vm.pair().join()).isNull();
        assertThat(vm.errorProperty().get())
                .isEqualTo("The PIN or password needs at least 12 characters. A phrase of a few words is easiest.");
        vm.pinProperty().set("121212121212");
        vm.pair().join();
        assertThat(vm.errorProperty().get()).isEqualTo("The PIN or password needs at least 4 different characters.");
        vm.pinProperty().set("abcdefghijklm");
        vm.pair().join();
        assertThat(vm.errorProperty().get())
                .isEqualTo("The PIN or password cannot be a straight run like abcdefghijkl.");

        vm.pinProperty().set(STAFF);
        vm.pinAgainProperty().set("front door 2469");
        vm.pair().join();
        assertThat(vm.errorProperty().get()).isEqualTo("The two PINs are not the same.");

        vm.pinAgainProperty().set(STAFF);
        vm.pair().join();
        assertThat(vm.errorProperty().get()).startsWith("Type the server address");

        vm.serverProperty().set(live.url());
        vm.pair().join();
        assertThat(vm.errorProperty().get()).startsWith("Type the pairing code");
        assertThat(DataFolder.at(dir).exists()).isFalse();
    }

    @Test
    void theRuleIsToldInKoreanToo() {
        FirstRunViewModel vm = new FirstRunViewModel(tmp.resolve("kiosk"), null, null, Texts.of(UiLanguage.KOREAN),
                UiExecutors.direct(), o -> o);
        vm.pinProperty().set("2468");
        vm.pair().join();
        assertThat(vm.errorProperty().get()).isEqualTo("PIN 또는 비밀번호는 12자 이상이어야 합니다. 몇 단어로 된 문구가 가장 쉽습니다.");
    }

    @Test
    void afterARemoteWipeTheScreenSaysWhyTheDataIsGone() throws Exception {
        Path dir = tmp.resolve("kiosk");
        java.nio.file.Files.createDirectories(dir);
        dev.lanyard.kiosk.core.device.RemoteWipe.erase(dir, "the host revoked this device", 3, java.time.Instant.EPOCH);

        assertThat(vm(dir).errorProperty().get()).isEqualTo(
                "The host revoked this kiosk, so its data on this laptop was erased, with any scans not yet synced. "
                + "Pair it again to use it.");
        assertThat(vm(tmp.resolve("never-wiped")).errorProperty().get()).isEmpty();
    }
}
