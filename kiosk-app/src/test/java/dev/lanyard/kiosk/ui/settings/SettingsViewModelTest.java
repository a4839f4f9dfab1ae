package dev.lanyard.kiosk.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.ui.KioskSession;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiLanguage;
import dev.lanyard.kiosk.ui.UiSettings;
import dev.lanyard.kiosk.ui.support.Desks;
import dev.lanyard.kiosk.ui.support.People;
import dev.lanyard.kiosk.ui.support.RecordingSounds;
import dev.lanyard.model.Event;
import dev.lanyard.model.ReentryPolicy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsViewModelTest {
    @TempDir
    Path tmp;

    @Test
    void settingsAreSavedInTheReplicaAndTheLanguageAlsoForTheLockScreen() {
        Event event = People.event(ReentryPolicy.WARN);
        Path dir = tmp.resolve("kiosk");
        try (KioskSession session = Desks.session(dir, event, List.of(), new RecordingSounds())) {
            SettingsViewModel vm = new SettingsViewModel(session.settings(), Texts.of(UiLanguage.ENGLISH));
            assertThat(vm.autoPrintProperty().get()).isTrue();
            assertThat(vm.soundsProperty().get()).isTrue();
            vm.languageProperty().set(UiLanguage.KOREAN);
            vm.autoPrintProperty().set(false);
            vm.soundsProperty().set(false);

            assertThat(vm.save()).isTrue();
            assertThat(vm.save()).isFalse();

            UiSettings reread = new UiSettings(session.kiosk().settings(), dir);
            assertThat(reread.language()).isEqualTo(UiLanguage.KOREAN);
            assertThat(reread.autoPrint()).isFalse();
            assertThat(reread.sounds()).isFalse();
        }
        assertThat(UiSettings.languageBeforeUnlock(dir)).isEqualTo(UiLanguage.KOREAN);
    }
}
