package dev.lanyard.server.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SMTP hand-off itself: accepted, refused for good (5xx), put off (4xx). */
class SmtpMailerTest {
    @RegisterExtension
    static final GreenMailExtension GREEN = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static MailContent content() {
        return new MailContent("제목 subject", "text", MailContent.html("en", "text", "footer", false, false), null,
                null, null);
    }

    private static SmtpSettings at(int port) {
        return new SmtpSettings("127.0.0.1", port, "noreply@lanyard.test", null, null, SmtpSettings.Security.NONE,
                Duration.ofSeconds(5));
    }

    @Test
    void aMessageGoesToTheServerWithItsOwnMessageId() throws Exception {
        SmtpMailer mailer = new SmtpMailer(at(GREEN.getSmtp().getPort()));
        var message = MimeMail.build(mailer.session(), mailer.from(), "kim@example.org", "<one@lanyard.test>",
                content());
        SmtpMailer.Outcome outcome = mailer.send(message);
        assertThat(outcome.reason()).isNull();
        assertThat(outcome.sent()).isTrue();
        assertThat(GREEN.getReceivedMessages()).hasSize(1);
        assertThat(GREEN.getReceivedMessages()[0].getMessageID()).isEqualTo("<one@lanyard.test>");
    }

    @Test
    void a5xxReplyIsARefusalAndA4xxIsNot() throws Exception {
        try (ScriptedSmtpServer refusing = new ScriptedSmtpServer("550 5.1.1 no such user");
             ScriptedSmtpServer busy = new ScriptedSmtpServer("451 4.3.0 try later")) {
            SmtpMailer mailer = new SmtpMailer(at(refusing.port()));
            var refused = mailer.send(MimeMail.build(mailer.session(), mailer.from(), "gone@example.org",
                    "<r@lanyard.test>", content()));
            assertThat(refused.sent()).isFalse();
            assertThat(refused.refused()).isTrue();
            assertThat(refused.reason()).startsWith("550");
            SmtpMailer later = new SmtpMailer(at(busy.port()));
            var putOff = later.send(MimeMail.build(later.session(), later.from(), "kim@example.org",
                    "<b@lanyard.test>", content()));
            assertThat(putOff.sent()).isFalse();
            assertThat(putOff.refused()).isFalse();
            assertThat(putOff.reason()).startsWith("451");
        }
    }

    /** QUIT after a taken message went unanswered: the mail was sent again five minutes later (ADR 0221). */
    @Test
    void aMessageTheServerTookIsSentThoughItsQuitGoesUnanswered() throws Exception {
        try (ScriptedSmtpServer quiet = new ScriptedSmtpServer("250 OK", false)) {
            SmtpMailer mailer = new SmtpMailer(new SmtpSettings("127.0.0.1", quiet.port(), "noreply@lanyard.test",
                    null, null, SmtpSettings.Security.NONE, Duration.ofSeconds(1)));
            SmtpMailer.Outcome outcome = mailer.send(MimeMail.build(mailer.session(), mailer.from(),
                    "kim@example.org", "<q@lanyard.test>", content()));
            assertThat(quiet.messagesTaken).hasValue(1);
            assertThat(outcome.reason()).isNull();
            assertThat(outcome.sent()).isTrue();
        }
    }

    /** A display name was sent as raw UTF-8 in the From header, which strict servers refuse. */
    @Test
    void aKoreanSenderNameIsEncodedInTheFromHeader() throws Exception {
        SmtpMailer mailer = new SmtpMailer(new SmtpSettings("127.0.0.1", GREEN.getSmtp().getPort(),
                "행사팀 <noreply@lanyard.test>", null, null, SmtpSettings.Security.NONE, Duration.ofSeconds(5)));
        assertThat(mailer.send(MimeMail.build(mailer.session(), mailer.from(), "kim@example.org", "<k@lanyard.test>",
                content())).sent()).isTrue();
        var received = GREEN.getReceivedMessages()[GREEN.getReceivedMessages().length - 1];
        String rawFrom = received.getHeader("From")[0];
        assertThat(rawFrom.chars().allMatch(c -> c < 128)).as(rawFrom).isTrue();
        var from = (jakarta.mail.internet.InternetAddress) received.getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo("행사팀");
        assertThat(from.getAddress()).isEqualTo("noreply@lanyard.test");
    }
}
