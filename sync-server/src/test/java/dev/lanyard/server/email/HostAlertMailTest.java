package dev.lanyard.server.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.lanyard.model.protocol.PairResponse;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.alerts.Alert;
import dev.lanyard.server.alerts.DoorActivity;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.support.SettableClock;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Host alerts leave through the server's own SMTP settings (no mailer given), read back from GreenMail. */
class HostAlertMailTest {
    @RegisterExtension
    static final GreenMailExtension GREEN = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
    @TempDir
    Path dir;
    final SettableClock clock = new SettableClock(Instant.now());

    @Test
    void aDoorReportingAFullQueueMailsTheHostOnceAnHour() throws Exception {
        SmtpSettings smtp = new SmtpSettings("127.0.0.1", GREEN.getSmtp().getPort(), "Lanyard <noreply@lanyard.test>",
                null, null, SmtpSettings.Security.NONE, Duration.ofSeconds(30));
        LanyardServer server = new LanyardServer(Backend.H2.config(dir).mail(MailConfig.smtp(smtp)).build(), clock)
                .alertHost("host@example.org", null);
        try (Fixture f = new Fixture(server.start())) {
            String code = f.server.admin().createPairingCode(f.event.id()).code();
            PairResponse door = f.anonymous.post("/api/v1/devices/pair", Map.of("code", code, "deviceName", "Hall A"))
                    .as(PairResponse.class);
            HttpRequest request = HttpRequest.newBuilder(URI.create(f.server.baseUrl() + f.eventPath()
                    + "/changes?after=0")).header("Authorization", "Bearer " + door.token())
                    .header(DoorActivity.PENDING_HEADER, "1500").build();
            HttpResponse<String> res = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).isEqualTo(200);

            assertThat(f.server.hostAlerts().check()).extracting(Alert::key).contains("queue:" + door.deviceId());
            clock.advance(Duration.ofMinutes(30));
            HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(f.server.hostAlerts().check()).extracting(Alert::key)
                    .doesNotContain("queue:" + door.deviceId());

            MimeMessage[] queueMails = java.util.Arrays.stream(GREEN.getReceivedMessages())
                    .filter(m -> subject(m).contains("waiting to sync")).toArray(MimeMessage[]::new);
            assertThat(queueMails).hasSize(1);
            assertThat(queueMails[0].getAllRecipients()[0].toString()).isEqualTo("host@example.org");
            assertThat(subject(queueMails[0])).contains("Hall A", "1500");
            assertThat((String) queueMails[0].getContent()).contains("threshold 1000");
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
