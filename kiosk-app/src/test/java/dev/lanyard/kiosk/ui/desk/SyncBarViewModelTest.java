package dev.lanyard.kiosk.ui.desk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.SyncStatus;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.kiosk.ui.UiLanguage;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** What the sync bar says for each status the core reports. */
class SyncBarViewModelTest {
    SyncBarViewModel vm = new SyncBarViewModel(null, Texts.of(UiLanguage.ENGLISH), UiExecutors.direct(), ZoneId.of("Asia/Seoul"));

    @Test
    void onlineWithNothingPending() {
        vm.show(new SyncStatus(true, 0, 0, 0, Instant.parse("2025-05-20T01:02:03Z"), 0, false, null));

        assertThat(vm.onlineProperty().get()).isTrue();
        assertThat(vm.stateTextProperty().get()).isEqualTo("● Online");
        assertThat(vm.pendingTextProperty().get()).isEqualTo("Nothing waiting to send");
        assertThat(vm.lastSyncTextProperty().get()).isEqualTo("last sync 10:02:03");
        assertThat(vm.alertProperty().get()).isFalse();
        assertThat(vm.deadLetterTextProperty().get()).isEmpty();
    }

    @Test
    void offlineWithWorkWaiting() {
        vm.show(new SyncStatus(false, 7, 3, 0, null, 2, false, "timeout"));

        assertThat(vm.stateTextProperty().get()).startsWith("● Offline");
        assertThat(vm.pendingTextProperty().get()).isEqualTo("3 check-ins waiting to send (7 items)");
        assertThat(vm.lastSyncTextProperty().get()).isEqualTo("not synced yet");
        assertThat(vm.alertProperty().get()).isFalse();
    }

    @Test
    void repeatedFailuresRaiseTheAlertWithTheLastError() {
        vm.show(new SyncStatus(false, 1, 1, 0, null, SyncStatus.ALERT_AFTER_FAILURES, true, "connection refused"));

        assertThat(vm.alertProperty().get()).isTrue();
        assertThat(vm.alertTextProperty().get()).contains("5 times in a row").contains("connection refused");
    }

    @Test
    void deadLettersAreCountedWithWhereToLook() {
        vm.show(new SyncStatus(true, 0, 0, 2, null, 0, false, null));

        assertThat(vm.deadLettersProperty().get()).isEqualTo(2);
        assertThat(vm.deadLetterTextProperty().get()).isEqualTo("2 items refused by the server: see the Dashboard (Ctrl+4)");
    }
}
