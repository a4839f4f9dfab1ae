package dev.lanyard.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    @Test
    void theDecoyHashIsMadeByTheExecutorItIsGivenNotByTheConstructingThread() {
        List<Runnable> given = new ArrayList<>();

        PasswordHasher hasher = new PasswordHasher(4, given::add);

        assertThat(given).hasSize(1);
        given.get(0).run();
        assertThat(hasher.matches("anything", null)).isFalse();
    }

    @Test
    void anUnknownUserNeverMatchesEvenWithTheDecoysPassword() {
        PasswordHasher hasher = new PasswordHasher(4);

        assertThat(hasher.matches("decoy-password-never-used", null)).isFalse();
    }

    @Test
    void aPasswordMatchesItsOwnHashOnly() {
        PasswordHasher hasher = new PasswordHasher(4);
        String hash = hasher.hash("correct horse");

        assertThat(hasher.matches("correct horse", hash)).isTrue();
        assertThat(hasher.matches("wrong horse", hash)).isFalse();
    }
}
