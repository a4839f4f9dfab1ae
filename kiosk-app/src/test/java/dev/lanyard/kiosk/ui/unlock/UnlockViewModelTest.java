package dev.lanyard.kiosk.ui.unlock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.store.KeyDerivation;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.kiosk.ui.UiLanguage;
import dev.lanyard.kiosk.ui.support.MutableClock;
import dev.lanyard.kiosk.ui.support.People;
import dev.lanyard.model.ReentryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unlocking derives the replica key from the PIN, offline; a wrong PIN opens nothing. */
class UnlockViewModelTest {
    @TempDir
    Path tmp;

    /** A paired data folder with one event, unlocked by {@link Seed#SECRET}. */
    Path seeded() {
        Path dir = tmp.resolve("kiosk");
        Seed.folder(dir, "http://127.0.0.1:9", List.of(People.event(ReentryPolicy.WARN)), List.of());
        return dir;
    }

    UnlockViewModel vm(Path dir) {
        return new UnlockViewModel(dir, Texts.of(UiLanguage.ENGLISH), UiExecutors.direct(), o -> o);
    }

    @Test
    void theRightPinOpensTheKioskAndRemembersWhoIsAtTheDoor() {
        Path dir = seeded();
        UnlockViewModel vm = vm(dir);
        vm.pinProperty().set(Seed.SECRET);
        vm.operatorProperty().set("  Minji ");

        UnlockViewModel.Unlocked unlocked = vm.unlock().join();

        try (var kiosk = unlocked.kiosk()) {
            assertThat(kiosk.paired()).isTrue();
            assertThat(unlocked.operator()).isEqualTo("Minji");
            assertThat(unlocked.staff().matches(Seed.SECRET.toCharArray())).isTrue();
            assertThat(vm.pinProperty().get()).isEmpty();
        }
    }

    @Test
    void aWrongPinOpensNothingAndSaysSo() throws Exception {
        Path dir = seeded();
        byte[] before = Files.readAllBytes(dir.resolve("replica.mv.db"));
        UnlockViewModel vm = vm(dir);
        vm.pinProperty().set("1234");

        assertThat(vm.unlock().join()).isNull();

        assertThat(vm.errorProperty().get()).isEqualTo("That PIN is not right. Nothing was opened.");
        assertThat(Files.readAllBytes(dir.resolve("replica.mv.db"))).isEqualTo(before);
        // and the right one still works afterwards
        vm.pinProperty().set(Seed.SECRET);
        vm.unlock().join().kiosk().close();
    }

    /**
     * A door restarted (a power cut) while attendees keep scanning: each badge typed into the PIN field with its Enter
     * counted as a wrong PIN, and staff found the door locked out when they came to unlock it.
     */
    @Test
    void ticketsScannedAtTheLockedDoorAreNotCountedAsWrongPins() {
        Path dir = seeded();
        UnlockViewModel vm = vm(dir);
        for (int i = 0; i < 10; i++) {
            vm.pinProperty().set(dev.lanyard.model.TicketCodes.generate());
            assertThat(vm.unlock().join()).isNull();
            assertThat(vm.errorProperty().get()).contains("locked").contains("staff");
        }

        vm.pinProperty().set(Seed.SECRET);
        vm.unlock().join().kiosk().close();
    }

    /**
     * A secret set before ADR 0355 may have a ticket code's shape; typed at the screen it is taken for a scan, but
     * given at launch (--unlock-file) it was refused too, and such a door could not be opened by its own launcher.
     */
    @Test
    void aLegacySecretOfATicketsShapeGivenAtLaunchOpensTheKiosk() {
        Path dir = tmp.resolve("kiosk");
        String legacy = dev.lanyard.model.TicketCodes.generate();
        // made before the rule (as one made before ADR 0314: the test cannot make a refused secret otherwise)
        Seed.folder(dir, new KeyDerivation.Pbkdf2(1_000), legacy, "http://127.0.0.1:9",
                List.of(People.event(ReentryPolicy.WARN)), List.of());
        UnlockViewModel vm = vm(dir);

        UnlockViewModel.Unlocked unlocked = vm.unlockGiven(legacy.toCharArray()).join();

        assertThat(unlocked).as(vm.errorProperty().get()).isNotNull();
        unlocked.kiosk().close();
    }

    /**
     * The door's session opens in the background after an unlock: a second Enter meanwhile opened the replica a second
     * time in the same process (two writers' turns, two syncs). The screen takes no second unlock once one succeeded.
     */
    @Test
    void aSecondUnlockAfterOneSucceededOpensNothing() {
        Path dir = seeded();
        UnlockViewModel vm = vm(dir);
        vm.pinProperty().set(Seed.SECRET);
        UnlockViewModel.Unlocked first = vm.unlock().join();
        try (var kiosk = first.kiosk()) {
            vm.pinProperty().set(Seed.SECRET);

            assertThat(vm.unlock().join()).isNull();
            assertThat(vm.busyProperty().get()).isTrue();

            vm.openFailed(new IllegalStateException("closed"));
            assertThat(vm.busyProperty().get()).isFalse();
        }
    }

    @Test
    void aDoorThatUnlockedButCouldNotOpenSaysWhyAndTakesANewTry() {
        Path dir = seeded();
        UnlockViewModel vm = vm(dir);
        vm.pinProperty().set(Seed.SECRET);
        vm.unlock().join().kiosk().close();

        vm.openFailed(new java.util.concurrent.CompletionException(
                new dev.lanyard.kiosk.core.store.ReplicaFailure("the replica could not be written", null)));

        assertThat(vm.errorProperty().get())
                .isEqualTo("The kiosk could not be opened: the replica could not be written");
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void anEmptyPinIsNotTried() {
        UnlockViewModel vm = vm(tmp.resolve("none"));

        assertThat(vm.unlock().join()).isNull();
        assertThat(vm.errorProperty().get()).isEqualTo("Type the staff PIN.");
    }

    @Test
    void wrongPinsLockTheUnlockOutForGrowingWhilesThatARestartDoesNotEnd() {
        Path dir = seeded();
        MutableClock clock = new MutableClock(java.time.Instant.parse("2025-05-20T01:00:00Z"));
        UnlockViewModel vm = new UnlockViewModel(dir, Texts.of(UiLanguage.ENGLISH), UiExecutors.direct(), o -> o,
                clock);
        for (int i = 0; i < 6; i++) {
            vm.pinProperty().set("123" + i);
            assertThat(vm.unlock().join()).isNull();
            assertThat(vm.errorProperty().get()).isEqualTo("That PIN is not right. Nothing was opened.");
        }
        vm.pinProperty().set(Seed.SECRET);
        assertThat(vm.unlock().join()).as("the right PIN while locked out").isNull();
        assertThat(vm.errorProperty().get()).isEqualTo("Too many wrong PINs. Nothing was tried; try again in 30 s.");

        // the app started again: a new view model on the same folder
        UnlockViewModel again = new UnlockViewModel(dir, Texts.of(UiLanguage.ENGLISH), UiExecutors.direct(), o -> o,
                clock);
        clock.advance(Duration.ofSeconds(30));
        again.pinProperty().set("1239");
        assertThat(again.unlock().join()).isNull();
        again.pinProperty().set(Seed.SECRET);
        assertThat(again.unlock().join()).isNull();
        assertThat(again.errorProperty().get()).as("the seventh failure doubled the wait")
                .endsWith("try again in 1 min.");

        clock.advance(Duration.ofMinutes(1));
        again.pinProperty().set(Seed.SECRET);
        again.unlock().join().kiosk().close();
    }
}
