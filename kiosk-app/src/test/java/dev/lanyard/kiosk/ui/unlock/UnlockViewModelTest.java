package dev.lanyard.kiosk.ui.unlock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.kiosk.ui.UiLanguage;
import dev.lanyard.kiosk.ui.support.People;
import dev.lanyard.model.ReentryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unlocking derives the replica key from the PIN, offline; a wrong PIN opens nothing. */
class UnlockViewModelTest {
    @TempDir
    Path tmp;

    UnlockViewModel vm(Path dir) {
        return new UnlockViewModel(dir, Texts.of(UiLanguage.ENGLISH), UiExecutors.direct(), o -> o);
    }

    @Test
    void theRightPinOpensTheKioskAndRemembersWhoIsAtTheDoor() {
        Path dir = tmp.resolve("kiosk");
        Seed.folder(dir, "http://127.0.0.1:9", List.of(People.event(ReentryPolicy.WARN)), List.of());
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
        Path dir = tmp.resolve("kiosk");
        Seed.folder(dir, "http://127.0.0.1:9", List.of(People.event(ReentryPolicy.WARN)), List.of());
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

    @Test
    void anEmptyPinIsNotTried() {
        UnlockViewModel vm = vm(tmp.resolve("none"));

        assertThat(vm.unlock().join()).isNull();
        assertThat(vm.errorProperty().get()).isEqualTo("Type the staff PIN.");
    }
}
