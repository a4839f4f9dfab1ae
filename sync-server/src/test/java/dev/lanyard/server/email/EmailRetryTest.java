package dev.lanyard.server.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.model.Participant;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.support.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's answer to a mail server that says no: 5xx fails at once, 4xx waits 5 minutes, 3 attempts in all. */
class EmailRetryTest {
    private static final EmailSettings CONFIRM = new EmailSettings(true, false, false, false, null, null);
    @TempDir
    Path dir;
    // tokens are checked against the real time too: the test clock starts there and is moved by hand
    private final SettableClock clock = new SettableClock(Instant.now()
            .truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

    private Fixture fixture(ScriptedSmtpServer smtp) {
        SmtpSettings settings = new SmtpSettings("127.0.0.1", smtp.port(), "noreply@lanyard.test", null, null,
                SmtpSettings.Security.NONE, Duration.ofSeconds(5));
        MailConfig mail = new MailConfig(settings, 1_000, Duration.ofMillis(100), null, null);
        return new Fixture(new LanyardServer(Backend.H2.config(dir).mail(mail).build(), clock).start());
    }

    private static OutboxRow only(Fixture f, Participant p) {
        return f.server.email().emailsOf(p.id()).get(0);
    }

    @Test
    void aPermanentRefusalIsFailedAtOnceAndNeverTriedAgain() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer("550 5.1.1 mailbox unavailable"); Fixture f =
                fixture(smtp)) {
            Participant p = f.server.admin().addParticipant(f.event.id(),
                    Map.of("name", "Kim", "email", "kim@example.org"));
            f.server.email().update(f.event, CONFIRM);
            f.server.email().sendPendingConfirmations(f.event);
            await().atMost(Duration.ofSeconds(20)).until(() -> only(f, p).status() == EmailStatus.FAILED);
            assertThat(only(f, p).reason()).startsWith("550");
            assertThat(only(f, p).attempts()).isEqualTo(1);
            clock.advance(Duration.ofHours(1));
            f.server.mailWorker().lookOnceAndWait(); // a retry would ask the SMTP server again in this look
            assertThat(smtp.recipientsAsked.get()).isEqualTo(1);
            assertThat(f.anonymous.get("/metrics").body()).contains(
                    "lanyard_emails_total{kind=\"confirmation\",status=\"failed\"} 1.0");
        }
    }

    @Test
    void aTemporaryRefusalIsTriedAgainAfterFiveMinutesThreeTimesInAll() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer("451 4.3.0 try again later"); Fixture f = fixture(smtp)) {
            Participant p = f.server.admin().addParticipant(f.event.id(),
                    Map.of("name", "Kim", "email", "kim@example.org"));
            f.server.email().update(f.event, CONFIRM);
            f.server.email().sendPendingConfirmations(f.event);
            await().atMost(Duration.ofSeconds(20)).until(() -> only(f, p).attempts() == 1 && only(f, p).status()
                    == EmailStatus.PENDING);
            assertThat(only(f, p).dueAt()).isEqualTo(clock.instant().plus(MailWorker.RETRY_DELAY));
            clock.advance(Duration.ofMinutes(4));
            f.server.mailWorker().lookOnceAndWait();
            assertThat(smtp.recipientsAsked.get()).as("not before 5 minutes").isEqualTo(1);
            clock.advance(Duration.ofMinutes(1));
            await().atMost(Duration.ofSeconds(20)).until(() -> only(f, p).attempts() == 2 && only(f, p).status()
                    == EmailStatus.PENDING);
            clock.advance(Duration.ofMinutes(5));
            await().atMost(Duration.ofSeconds(20)).until(() -> only(f, p).status() == EmailStatus.FAILED);
            assertThat(only(f, p).attempts()).isEqualTo(3);
            assertThat(only(f, p).reason()).startsWith("451");
            assertThat(smtp.recipientsAsked.get()).isEqualTo(3);
        }
    }

    /**
     * A mail server's refusal usually quotes the address; the worker logged it as it came, so participants' addresses
     * went to the logs (and to whatever ships them), where no erasure reaches. Found by a review.
     */
    @Test
    void aRefusalQuotingTheAddressIsLoggedWithoutIt() throws Exception {
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                MailWorker.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        log.addAppender(lines);
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer("550 5.1.1 <kim@example.org>: address rejected");
             Fixture f = fixture(smtp)) {
            Participant p = f.server.admin().addParticipant(f.event.id(),
                    Map.of("name", "Kim", "email", "kim@example.org"));
            f.server.email().update(f.event, CONFIRM);
            f.server.email().sendPendingConfirmations(f.event);
            await().atMost(Duration.ofSeconds(20)).until(() -> only(f, p).status() == EmailStatus.FAILED);
            await().atMost(Duration.ofSeconds(5)).until(() -> lines.list.stream()
                    .anyMatch(e -> e.getMessage().contains("mail failed")));
            assertThat(lines.list).allSatisfy(e -> {
                assertThat(e.getFormattedMessage()).doesNotContain("example.org");
                assertThat(java.util.Arrays.deepToString(e.getArgumentArray())).doesNotContain("example.org");
            });
            assertThat(java.util.Arrays.deepToString(lines.list.get(lines.list.size() - 1).getArgumentArray()))
                    .contains("550");
        } finally {
            log.detachAppender(lines);
        }
    }
}
