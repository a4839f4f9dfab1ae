package dev.lanyard.server.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Mail and the SMTP password leave encrypted unless the host asks otherwise (ADR 0255). */
class SmtpSecurityTest {
    /** A mail server that speaks plain SMTP only, and would take this login. */
    @RegisterExtension
    static final GreenMailExtension PLAIN_ONLY = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(com.icegreen.greenmail.configuration.GreenMailConfiguration.aConfig()
                    .withUser("events@lanyard.test", "smtp-secret"));

    private static SmtpSettings settings(String host, int port, String password, SmtpSettings.Security security) {
        return new SmtpSettings(host, port, "events@lanyard.test", password == null ? null : "events@lanyard.test",
                password, security, Duration.ofSeconds(5));
    }

    @Test
    void everyPortButTheImplicitTlsOneRequiresStarttlsByDefault() {
        for (int port : new int[] {25, 587, 2525, 1025}) {
            SmtpSettings s = settings("smtp.example.org", port, "smtp-secret", null);

            assertThat(s.security()).as("port %d", port).isEqualTo(SmtpSettings.Security.STARTTLS);
            assertThat(s.sessionProperties()).containsEntry("mail.smtp.starttls.required", "true")
                    .containsEntry("mail.smtp.ssl.checkserveridentity", "true");
        }
    }

    @Test
    void port465SpeaksTlsFromTheFirstByteByDefault() {
        SmtpSettings s = settings("smtp.example.org", 465, "smtp-secret", null);

        assertThat(s.security()).isEqualTo(SmtpSettings.Security.TLS);
        assertThat(s.sessionProperties()).containsEntry("mail.smtp.ssl.enable", "true");
    }

    @Test
    void noneIsTakenWhenAskedForAndWarnedAbout() {
        SmtpSettings relay = settings("relay.example.org", 25, null, SmtpSettings.Security.NONE);

        assertThat(relay.security()).isEqualTo(SmtpSettings.Security.NONE);
        assertThat(relay.sessionProperties()).doesNotContainKeys("mail.smtp.starttls.enable", "mail.smtp.ssl.enable");
        assertThat(relay.clearTextWarning()).contains("relay.example.org:25").contains("clear text");
        assertThat(settings("relay.example.org", 25, null, null).clearTextWarning()).isNull();
    }

    @Test
    void aPasswordIsRefusedWithoutTlsUnlessTheServerIsThisMachine() {
        assertThatThrownBy(() -> settings("smtp.example.org", 2525, "smtp-secret", SmtpSettings.Security.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clear text")
                .hasMessageNotContaining("smtp-secret");
        assertThatThrownBy(() -> settings("10.0.0.25", 25, "smtp-secret", SmtpSettings.Security.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        for (String here : new String[] {"localhost", "127.0.0.1", "127.0.0.53", "::1", "[::1]"}) {
            assertThat(settings(here, 25, "smtp-secret", SmtpSettings.Security.NONE).security()).as(here)
                    .isEqualTo(SmtpSettings.Security.NONE);
        }
    }

    @Test
    void byDefaultASendToAServerWithoutStarttlsFailsInsteadOfGoingInClearText() throws Exception {
        SmtpMailer mailer = new SmtpMailer(settings("127.0.0.1", PLAIN_ONLY.getSmtp().getPort(), "smtp-secret", null));
        var message = MimeMail.build(mailer.session(), mailer.from(), "kim@example.org", "<clear@lanyard.test>",
                new MailContent("subject", "text", MailContent.html("en", "text", "footer", false, false), null,
                        null, null));

        SmtpMailer.Outcome outcome = mailer.send(message);

        assertThat(outcome.sent()).isFalse();
        assertThat(outcome.reason()).contains("STARTTLS");
        assertThat(PLAIN_ONLY.getReceivedMessages()).isEmpty();
    }
}
