package dev.lanyard.kiosk.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.kiosk.core.unlock.UnlockSecretRule;
import dev.lanyard.kiosk.core.unlock.WeakSecretException;
import dev.lanyard.kiosk.support.Seed;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The minimum strength of a new unlock secret (ADR 0314), enforced where a data folder is created. */
class UnlockSecretRuleTest {
    @TempDir
    Path dir;

    @Test
    void shortSecretsRepeatsAndRunsAreRefusedWithTheirReason() {
        assertThat(UnlockSecretRule.check("2468".toCharArray())).contains(UnlockSecretRule.Problem.TOO_SHORT);
        assertThat(UnlockSecretRule.check("24681357902".toCharArray())).contains(UnlockSecretRule.Problem.TOO_SHORT);
        assertThat(UnlockSecretRule.check("111111111111".toCharArray()))
                .contains(UnlockSecretRule.Problem.TOO_FEW_DIFFERENT);
        assertThat(UnlockSecretRule.check("121212121212".toCharArray()))
                .contains(UnlockSecretRule.Problem.TOO_FEW_DIFFERENT);
        assertThat(UnlockSecretRule.check("abcdefghijkl".toCharArray())).contains(UnlockSecretRule.Problem.A_SEQUENCE);
        assertThat(UnlockSecretRule.check("zyxwvutsrqponm".toCharArray()))
                .contains(UnlockSecretRule.Problem.A_SEQUENCE);
        assertThat(UnlockSecretRule.check("0123456789".toCharArray())).contains(UnlockSecretRule.Problem.TOO_SHORT);
        // Hangul counts per character, not per UTF-8 byte: five syllables are five characters
        assertThat(UnlockSecretRule.check("가나다라마".toCharArray())).contains(UnlockSecretRule.Problem.TOO_SHORT);
    }

    /** The unlock screen takes a ticket code for a scan at a locked door, never for a secret. */
    @Test
    void aSecretShapedLikeATicketCodeIsRefused() {
        String ticket = dev.lanyard.model.TicketCodes.generate();
        assertThat(UnlockSecretRule.check(ticket.toCharArray())).contains(UnlockSecretRule.Problem.A_TICKET_CODE);
        assertThat(UnlockSecretRule.check(dev.lanyard.model.TicketCodes.display(ticket).toCharArray()))
                .contains(UnlockSecretRule.Problem.A_TICKET_CODE);
    }

    @Test
    void twelveDigitsWithoutAPatternOrAPassphrasePass() {
        assertThat(UnlockSecretRule.check("481902736519".toCharArray())).isEmpty();
        assertThat(UnlockSecretRule.check(Seed.SECRET.toCharArray())).isEmpty();
        assertThat(UnlockSecretRule.check("출입구 직원 비밀번호 2468".toCharArray())).isEmpty();
    }

    @Test
    void aNewDataFolderIsNotCreatedForAWeakSecret() {
        assertThatThrownBy(() -> Replica.open(DataFolder.at(dir, Seed.FAST_KDF), "2468".toCharArray(), true))
                .isInstanceOf(WeakSecretException.class).hasMessageContaining("at least 12 characters")
                .extracting(e -> ((WeakSecretException) e).problem()).isEqualTo(UnlockSecretRule.Problem.TOO_SHORT);
        assertThat(dir.resolve("replica.mv.db")).doesNotExist();
        assertThat(dir.resolve("unlock.params")).doesNotExist();
    }

    @Test
    void aFolderMadeBeforeTheRuleStillOpensWithItsShortPin() {
        // the build before ADR 0314 made folders with 4-digit PINs; staff are not locked out of them
        Replica.open(DataFolder.at(dir, new KeyDerivation.Pbkdf2(1_000)), "2468".toCharArray(), true).close();
        try (Replica replica = Replica.open(DataFolder.at(dir, Seed.FAST_KDF), "2468".toCharArray(), false)) {
            assertThat(replica.folder().exists()).isTrue();
        }
    }
}
