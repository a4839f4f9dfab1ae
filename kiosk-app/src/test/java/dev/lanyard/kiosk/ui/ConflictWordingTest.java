package dev.lanyard.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.notices.ConflictNotice;
import dev.lanyard.kiosk.core.notices.ConflictNotice.Param;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Conflict notices are worded by the UI's texts, in the language the door speaks. */
class ConflictWordingTest {
    private static ConflictNotice notice(ConflictNotice.Kind kind, Map<String, String> facts) {
        return new ConflictNotice(1, UUID.randomUUID(), kind, UUID.randomUUID(), UUID.randomUUID(), facts,
                Instant.EPOCH, false);
    }

    @Test
    void anOverturnedUndoIsWordedInEnglishAndKorean() {
        ConflictNotice n = notice(ConflictNotice.Kind.UNDO_OVERTURNED,
                Map.of(Param.PARTICIPANT, "홍길동", Param.DOOR, "0000d002", Param.TIME, "10:01", Param.DAY, "2025-05-20"));

        assertThat(ConflictWording.of(n, Texts.of(UiLanguage.ENGLISH)))
                .isEqualTo("Undo lost: 홍길동 was checked in again at door 0000d002 — 10:01 (2025-05-20)");
        assertThat(ConflictWording.of(n, Texts.of(UiLanguage.KOREAN)))
                .isEqualTo("입장 취소 무효: 홍길동 님이 출입구 0000d002에서 다시 입장 처리되었습니다 — 10:01 (2025-05-20)");
    }

    @Test
    void unknownFactsAreWordedAsSuch() {
        ConflictNotice undo = notice(ConflictNotice.Kind.UNDO_OVERTURNED, Map.of(Param.DAY, "2025-05-20"));
        ConflictNotice walkIn = notice(ConflictNotice.Kind.WALK_IN_MERGED,
                Map.of(Param.PARTICIPANT, "Alice", Param.EMAIL, "a@example.com"));

        assertThat(ConflictWording.of(undo, Texts.of(UiLanguage.ENGLISH)))
                .isEqualTo("Undo lost: the participant was checked in again at another door (2025-05-20)");
        assertThat(ConflictWording.of(walkIn, Texts.of(UiLanguage.KOREAN))).contains("Alice").contains("a@example.com")
                .contains("기존 등록");
    }

    @Test
    void changesThisVersionCannotReadAskForAnUpdateInEnglishAndKorean() {
        ConflictNotice n = notice(ConflictNotice.Kind.UNREADABLE_CHANGES, Map.of(Param.TYPE, "badge_template"));

        assertThat(ConflictWording.of(n, Texts.of(UiLanguage.ENGLISH))).isEqualTo("This kiosk cannot read some changes"
                + " from the server (\"badge_template\"): update Lanyard on this laptop. Check-ins go on; those changes"
                + " are read once it is updated");
        assertThat(ConflictWording.of(n, Texts.of(UiLanguage.KOREAN))).contains("\"badge_template\"")
                .contains("업데이트");
    }

    @Test
    void itemsTheServerDoesNotUnderstandAskForAServerUpdate() {
        ConflictNotice n = notice(ConflictNotice.Kind.ITEMS_NOT_UNDERSTOOD, Map.of(Param.REASON, "not_understood"));

        assertThat(ConflictWording.of(n, Texts.of(UiLanguage.ENGLISH))).isEqualTo("The server cannot read some of"
                + " this kiosk's check-ins yet (not_understood): update the server. They are kept here and sent again"
                + " whenever the kiosk reconnects");
        assertThat(ConflictWording.of(n, Texts.of(UiLanguage.KOREAN))).contains("서버를 업데이트");
    }

    @Test
    void checkInsANewerDoorSentAskForAnUpdateNamingTheDoor() {
        ConflictNotice n = notice(ConflictNotice.Kind.UNREADABLE_FROM_PEER, Map.of(Param.DOOR, "0000d002"));

        assertThat(ConflictWording.of(n, Texts.of(UiLanguage.ENGLISH))).isEqualTo("Door 0000d002 runs a newer"
                + " Lanyard: this kiosk cannot read some of its check-ins. Update Lanyard on this laptop; they are"
                + " passed on to the server meanwhile");
        assertThat(ConflictWording.of(n, Texts.of(UiLanguage.KOREAN))).contains("출입구 0000d002").contains("업데이트");
    }

    @Test
    void aNoticeStoredAsASentenceBeforeFactsIsShownAsItWas() {
        ConflictNotice old = notice(ConflictNotice.Kind.UNDO_OVERTURNED,
                Map.of(Param.TEXT, "Checked in again at Door 2 — 10:02"));

        assertThat(ConflictWording.of(old, Texts.of(UiLanguage.KOREAN)))
                .isEqualTo("Checked in again at Door 2 — 10:02");
    }
}
