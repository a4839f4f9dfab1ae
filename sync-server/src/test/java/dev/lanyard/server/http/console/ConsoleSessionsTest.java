package dev.lanyard.server.http.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConsoleSessionsTest {
    private final AtomicInteger olgasVersion = new AtomicInteger(1);
    private final ConsoleSessions sessions = new ConsoleSessions(Duration.ofMinutes(30), Duration.ofHours(12),
            Clock.systemUTC(), (user, version) -> user.equals("olga") && version == olgasVersion.get());

    /**
     * With PostgreSQL a server hears its own "sessions ended" notice back, after the password page opened the user's
     * new session: the notice ended every session of the user, the new one too. Found by a review.
     */
    @Test
    void aNoticeThatAUsersSessionsEndedEndsOnlyThoseOfAnOldTokenVersion() {
        ConsoleSession before = sessions.open("olga", 1, "kid");
        olgasVersion.set(2);
        ConsoleSession after = sessions.open("olga", 2, "kid");

        sessions.sessionsEnded("olga");

        assertThat(sessions.use(before.id())).isEmpty();
        assertThat(sessions.use(after.id())).isPresent();
    }

    /** The notice goes to the dashboards after the sessions: a database that cannot be read must not stop it here. */
    @Test
    void aNoticeWhoseTokenVersionCannotBeReadEndsTheSessionsAndGoesOn() {
        ConsoleSessions unreadable = new ConsoleSessions(Duration.ofMinutes(30), Duration.ofHours(12),
                Clock.systemUTC(), (user, version) -> {
                    throw new IllegalStateException("the pool timed out");
                });
        ConsoleSession session = unreadable.open("olga", 1, "kid");

        unreadable.sessionsEnded("olga");

        assertThat(unreadable.use(session.id())).isEmpty();
    }
}
