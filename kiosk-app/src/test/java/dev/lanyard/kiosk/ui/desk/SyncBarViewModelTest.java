package dev.lanyard.kiosk.ui.desk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.syncstatus.SyncStatus;
import dev.lanyard.kiosk.core.peer.PeerNode;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.kiosk.ui.UiLanguage;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the sync bar says for each status the core reports. */
class SyncBarViewModelTest {
    SyncBarViewModel vm = new SyncBarViewModel(null, Texts.of(UiLanguage.ENGLISH), UiExecutors.direct(),
            ZoneId.of("Asia/Seoul"));

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
        assertThat(vm.deadLetterTextProperty().get()).isEqualTo(
                "2 items refused by the server: see the Dashboard (Ctrl+4)");
    }

    static SyncStatus offBy(java.time.Duration serverMinusLaptop) {
        return new SyncStatus(true, 0, 0, 0, null, 0, false, null, serverMinusLaptop.toMillis());
    }

    @Test
    void aLaptopClockAheadOfTheServerIsWarnedAboutInBothLanguages() {
        vm.show(offBy(java.time.Duration.ofHours(-3).minusMinutes(12)));

        assertThat(vm.clockWarningProperty().get()).isTrue();
        assertThat(vm.clockWarningTextProperty().get())
                .isEqualTo("This laptop's clock is 3 h 12 min ahead of the server. Check-ins still count.");
        SyncBarViewModel korean = new SyncBarViewModel(null, Texts.of(UiLanguage.KOREAN), UiExecutors.direct(),
                ZoneId.of("Asia/Seoul"));
        korean.show(offBy(java.time.Duration.ofHours(-3).minusMinutes(12)));
        assertThat(korean.clockWarningTextProperty().get()).isEqualTo("이 노트북의 시계가 서버보다 3시간 12분 빠릅니다. 체크인은 그대로 집계됩니다.");
    }

    @Test
    void aLaptopClockBehindIsWarnedAboutTooAndDaysAreSaidAsDays() {
        vm.show(offBy(java.time.Duration.ofMinutes(7)));
        assertThat(vm.clockWarningTextProperty().get()).isEqualTo(
                "This laptop's clock is 7 min behind the server. Check-ins still count.");

        vm.show(offBy(java.time.Duration.ofDays(365).plusHours(2)));
        assertThat(vm.clockWarningTextProperty().get()).isEqualTo(
                "This laptop's clock is 365 d 2 h behind the server. Check-ins still count.");
        SyncBarViewModel korean = new SyncBarViewModel(null, Texts.of(UiLanguage.KOREAN), UiExecutors.direct(),
                ZoneId.of("Asia/Seoul"));
        korean.show(offBy(java.time.Duration.ofMinutes(7)));
        assertThat(korean.clockWarningTextProperty().get()).isEqualTo("이 노트북의 시계가 서버보다 7분 느립니다. 체크인은 그대로 집계됩니다.");
    }

    @Test
    void anOffsetMeasuredAHairShortOfAYearIsSaidAsAYear() {
        // the offset is known to half a round trip: a year ahead may be measured a few milliseconds short of it
        vm.show(offBy(java.time.Duration.ofDays(-365).plusMillis(4)));

        assertThat(vm.clockWarningTextProperty().get()).isEqualTo(
                "This laptop's clock is 365 d 0 h ahead of the server. Check-ins still count.");
    }

    @Test
    void aClockWithinTheDriftTheServerAcceptsIsNotWarnedAbout() {
        vm.show(offBy(java.time.Duration.ofMinutes(-4)));

        assertThat(vm.clockWarningProperty().get()).isFalse();
        assertThat(vm.clockWarningTextProperty().get()).isEmpty();
    }

    @Test
    void withDoorsNearbyTheBarSaysTheServerIsUnreachableAndHowManyDoorsAreInStep() {
        vm.show(new SyncStatus(false, 2, 1, 0, null, 1, false, "timeout"));
        vm.showPeers(new PeerNode.Summary(3, true, List.of()));
        assertThat(vm.stateTextProperty().get() + " " + vm.peersTextProperty().get())
                .isEqualTo("● Server unreachable · 3 doors nearby · in step");
        vm.showPeers(new PeerNode.Summary(2, false, List.of()));
        assertThat(vm.peersTextProperty().get()).isEqualTo("· 2 doors nearby · catching up");
        vm.showPeers(null);
        assertThat(vm.stateTextProperty().get()).startsWith("● Offline");
        assertThat(vm.peersTextProperty().get()).isEmpty();

        SyncBarViewModel korean = new SyncBarViewModel(null, Texts.of(UiLanguage.KOREAN), UiExecutors.direct(),
                ZoneId.of("Asia/Seoul"));
        korean.show(new SyncStatus(false, 0, 0, 0, null, 0, false, null));
        korean.showPeers(new PeerNode.Summary(3, true, List.of()));
        assertThat(korean.stateTextProperty().get() + " " + korean.peersTextProperty().get())
                .isEqualTo("● 서버에 연결할 수 없음 · 주변 출입구 3곳 · 동기화됨");
    }

    @Test
    void theNearbyDoorsAreListedByNameWithWhenEachWasLastHeardFrom() {
        long heard = Instant.parse("2025-05-20T01:02:03Z").toEpochMilli();
        vm.showPeers(new PeerNode.Summary(2, true, List.of(new PeerNode.Peer("d-2", "Door 2", heard),
                new PeerNode.Peer("d-3", null, heard + 5_000))));
        assertThat(vm.nearbyDoors()).containsExactly("Door 2 · last heard 10:02:03", "d-3 · last heard 10:02:08");
        vm.showPeers(null);
        assertThat(vm.nearbyDoors()).isEmpty();
    }
}
