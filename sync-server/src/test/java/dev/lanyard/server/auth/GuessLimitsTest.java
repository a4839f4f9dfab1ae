package dev.lanyard.server.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.server.db.Database;
import dev.lanyard.server.support.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pairing limits as the server keeps them, on the database store. */
class GuessLimitsTest {
    static final String ADDRESS = "203.0.113.7";
    private final SettableClock clock = new SettableClock(Instant.parse("2026-06-01T09:00:00Z"));
    private final Database db = new Database("jdbc:h2:mem:guesses-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa",
            "", 8);
    private final GuessLimits limits = new GuessLimits(new AttemptLimiter(new DatabaseAttemptStore(db, clock), clock));

    @AfterEach
    void close() {
        db.close();
    }

    /**
     * An organizer who guesses codes could redeem a code of their own between guesses: a success wiped the address's
     * count, so its guesses were never slowed (only the limit on all pairings held).
     */
    @Test
    void aSuccessfulPairingDoesNotWipeItsAddresssWrongGuesses() {
        for (int i = 0; i < 5; i++) {
            limits.pairing(ADDRESS);
        }
        limits.pairing(ADDRESS).succeeded();
        limits.pairing(ADDRESS);

        assertThatThrownBy(() -> limits.pairing(ADDRESS)).isInstanceOf(TooManyAttemptsException.class);
    }

    /**
     * A success kept its own time as the address's last failure, so a venue pairing doors all morning never had its
     * typos forgotten: each success started the hour again.
     */
    @Test
    void anAddresssWrongGuessesAreForgottenAnHourAfterTheLastOneWhateverSucceededSince() {
        for (int i = 0; i < 5; i++) {
            limits.pairing(ADDRESS);
        }
        clock.advance(Duration.ofMinutes(50));
        limits.pairing(ADDRESS).succeeded();
        clock.advance(Duration.ofMinutes(11));

        assertThatCode(() -> {
            for (int i = 0; i < 6; i++) {
                limits.pairing(ADDRESS);
            }
        }).as("the address's free guesses, again").doesNotThrowAnyException();
    }

    @Test
    void aVenuePairingManyDoorsFromOneAddressIsNeverHeldUp() {
        assertThatCode(() -> {
            for (int i = 0; i < 60; i++) {
                limits.pairing(ADDRESS).succeeded();
            }
        }).doesNotThrowAnyException();
    }
}
