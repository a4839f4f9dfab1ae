package dev.lanyard.server.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.lanyard.model.Event;
import dev.lanyard.model.json.Json;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.ServerConfig;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.support.SettableClock;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The organizer's summary, mailed once when the event ends, read back from a real SMTP server (GreenMail). */
class SummaryMailTest {
    @RegisterExtension
    static final GreenMailExtension GREEN = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    @TempDir
    Path dir;
    // tokens are checked against the real time too: the test clock starts there, the event lies ahead of it
    final SettableClock clock = new SettableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    final LocalDate day1 = LocalDate.now(SEOUL).plusDays(3);
    final LocalDate day2 = day1.plusDays(1);

    private ServerConfig config() {
        return config(GREEN.getSmtp().getPort());
    }

    private ServerConfig config(int smtpPort) {
        SmtpSettings smtp = new SmtpSettings("127.0.0.1", smtpPort, "Lanyard <noreply@lanyard.test>",
                null, null, SmtpSettings.Security.NONE, Duration.ofSeconds(30));
        return Backend.H2.config(dir).mail(new MailConfig(smtp, 1_000, Duration.ofMillis(200), null, null)).build();
    }

    private ObjectNode eventBody(Map<String, Object> emails) {
        ObjectNode body = Json.mapper().valueToTree(Fixture.eventInput("Lanyard Conf"));
        body.put("startDate", day1.toString()).put("endDate", day2.toString());
        body.putObject("hours").put("opens", "10:00").put("closes", "17:00");
        body.set("emails", Json.mapper().valueToTree(emails));
        return body;
    }

    /** An event that ended yesterday: the organizer's token, checked against the real time too, stays good. */
    private ObjectNode endedEventBody(Map<String, Object> emails) {
        ObjectNode body = eventBody(emails);
        LocalDate today = LocalDate.now(SEOUL);
        return body.put("startDate", today.minusDays(2).toString()).put("endDate", today.minusDays(1).toString());
    }

    @Test
    void reportToIsAnEmailSettingThatMustBeOneAddress() {
        try (Fixture f = new Fixture(new LanyardServer(config(), clock).start())) {
            var put = f.organizer.put(f.eventPath(), eventBody(Map.of("reportTo", "olga@example.org")));
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            assertThat(put.json().get("emails").get("reportTo").asText()).isEqualTo("olga@example.org");
            for (String bad : new String[] {"olga", "a@example.org, b@example.org", "Olga <olga@example.org>"}) {
                var refused = f.organizer.put(f.eventPath(), eventBody(Map.of("reportTo", bad)));
                assertThat(refused.status()).as(bad).isEqualTo(400);
                assertThat(refused.json().get("message").asText()).contains("emails.reportTo");
            }
        }
    }

    @Test
    void anEndedEventMailsItsOrganizerTheSummaryOnceWithTheChartAndTheCsv() throws Exception {
        Event event;
        try (Fixture f = new Fixture(new LanyardServer(config(), clock).start())) {
            assertThat(f.organizer.put(f.eventPath(), eventBody(Map.of("reportTo", "olga@example.org"))).status())
                    .isEqualTo(200);
            assertThat(f.organizer.post(f.eventPath() + "/participants", Map.of("name", "홍길동")).status())
                    .isEqualTo(201);
            event = f.server.admin().event(f.event.id());
            Instant closes = day2.atTime(17, 0).atZone(SEOUL).toInstant();
            assertThat(SummaryMail.endOf(event)).isEqualTo(closes);

            clock.advance(Duration.between(clock.instant(), closes.minusSeconds(60)));
            assertThat(f.server.summaryMail().check()).as("still open on its last day").isEmpty();
            clock.advance(Duration.ofMinutes(2));
            assertThat(f.server.summaryMail().check()).containsExactly(event.id());
            assertThat(f.server.summaryMail().check()).isEmpty();
            String header = new String(f.server.reports().checkInsCsv(event, dev.lanyard.server.report.EventReports
                    .MAX_ATTACHED_CSV_BYTES).orElseThrow(), StandardCharsets.UTF_8).lines()
                    .findFirst().orElseThrow();

            MimeMessage[] received = GREEN.getReceivedMessages();
            assertThat(received).hasSize(1);
            MimeMessage mail = received[0];
            assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("olga@example.org");
            assertThat(mail.getSubject()).contains("Lanyard Conf");
            assertThat((String) MailMessages.ofType(mail, "text/plain").getContent()).contains("Participants: 1");
            assertThat((String) MailMessages.ofType(mail, "text/html").getContent())
                    .contains("cid:" + SummaryMail.CHART_CID);
            Part chart = MailMessages.withContentId(mail, SummaryMail.CHART_CID);
            assertThat(chart.isMimeType("image/png")).isTrue();
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(chart.getInputStream().readAllBytes()));
            assertThat(image).isNotNull();
            assertThat(image.getWidth()).isPositive();
            Part csv = MailMessages.ofType(mail, "text/csv");
            assertThat(csv.getDisposition()).isEqualTo(Part.ATTACHMENT);
            assertThat(csv.getFileName()).isEqualTo("check-ins.csv");
            String csvText = new String(csv.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(csvText.lines().findFirst().orElseThrow()).isEqualTo(header).contains("participantId,");
            assertThat(csvText.lines()).as("nobody checked in, so the header only").hasSize(1);
        }

        try (LanyardServer again = new LanyardServer(config(), clock).start()) {
            clock.advance(Duration.ofDays(1));
            assertThat(again.summaryMail().check()).as("recorded across a restart").isEmpty();
        }
        assertThat(GREEN.getReceivedMessages()).hasSize(1);
    }

    /**
     * A summary the mail server refused (a mistyped address, 550) was summarized and sent again every minute for as
     * long as the server ran. Found by a review.
     */
    @Test
    void aRefusedSummaryIsNotSentAgainUntilItsAddressChanges() throws Exception {
        try (ScriptedSmtpServer refusing = new ScriptedSmtpServer("550 5.1.1 no such user");
             Fixture f = new Fixture(new LanyardServer(config(refusing.port()), clock).start())) {
            assertThat(f.organizer.put(f.eventPath(), endedEventBody(Map.of("reportTo", "olga@exmaple.org"))).status())
                    .isEqualTo(200);
            for (int minute = 0; minute < 3; minute++) {
                assertThat(f.server.summaryMail().check()).isEmpty();
                clock.advance(Duration.ofMinutes(1));
            }
            assertThat(refusing.recipientsAsked).hasValue(1);

            assertThat(f.organizer.put(f.eventPath(), endedEventBody(Map.of("reportTo", "olga@example.org"))).status())
                    .isEqualTo(200);
            assertThat(f.server.summaryMail().check()).isEmpty();
            assertThat(refusing.recipientsAsked).as("the new address is tried").hasValue(2);
        }
    }

    /** A mail server that puts the summary off (451) is asked again, but not every minute. */
    @Test
    void aSummaryPutOffIsTriedAgainAfterAPause() throws Exception {
        try (ScriptedSmtpServer busy = new ScriptedSmtpServer("451 4.3.0 try later");
             Fixture f = new Fixture(new LanyardServer(config(busy.port()), clock).start())) {
            assertThat(f.organizer.put(f.eventPath(), endedEventBody(Map.of("reportTo", "olga@example.org"))).status())
                    .isEqualTo(200);
            f.server.summaryMail().check();
            clock.advance(Duration.ofMinutes(1));
            f.server.summaryMail().check();
            assertThat(busy.recipientsAsked).hasValue(1);
            clock.advance(SummaryMail.TRY_AGAIN_AFTER);
            f.server.summaryMail().check();
            assertThat(busy.recipientsAsked).hasValue(2);
        }
    }
}
