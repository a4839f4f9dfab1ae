package dev.lanyard.kiosk.ui.eventpicker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.kiosk.ui.KioskSession;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiLanguage;
import dev.lanyard.kiosk.ui.support.Desks;
import dev.lanyard.kiosk.ui.support.People;
import dev.lanyard.kiosk.ui.support.RecordingSounds;
import dev.lanyard.model.Event;
import dev.lanyard.model.ReentryPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventPickerViewModelTest {
    @TempDir
    Path tmp;

    @Test
    void theActiveEventAndTodayArePreselectedAndTheChoiceIsKept() {
        Event event = People.event(ReentryPolicy.WARN);
        try (KioskSession session = Desks.session(tmp.resolve("kiosk"), event, List.of(), new RecordingSounds())) {
            EventPickerViewModel vm = new EventPickerViewModel(session, Texts.of(UiLanguage.ENGLISH));
            vm.load();
            assertThat(vm.events()).extracting(Event::id).containsExactly(event.id());
            assertThat(vm.days()).containsExactly(Seed.DAY1, Seed.DAY1.plusDays(1));
            assertThat(vm.dayProperty().get()).isEqualTo(Seed.DAY1);

            vm.dayProperty().set(Seed.DAY1.plusDays(1));
            assertThat(vm.choose()).isTrue();
            assertThat(session.day()).isEqualTo(Seed.DAY1.plusDays(1));
        }
    }

    @Test
    void beforeTheEventTheFirstDayIsOfferedAndAfterItTheLast() {
        Event event = People.event(ReentryPolicy.WARN);
        Clock before = Seed.clockAt(Seed.DAY1.minusDays(10), 9);
        Clock after = Seed.clockAt(Seed.DAY1.plusDays(10), 9);
        assertThat(KioskSession.defaultDay(event, before)).isEqualTo(Seed.DAY1);
        assertThat(KioskSession.defaultDay(event, after)).isEqualTo(Seed.DAY1.plusDays(1));
        assertThat(KioskSession.defaultDay(event, Seed.clockAt(Seed.DAY1.plusDays(1), 9)))
                .isEqualTo(Seed.DAY1.plusDays(1));
    }
}
