package dev.lanyard.server.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.lanyard.model.Participant;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.support.SettableClock;
import jakarta.mail.Part;
import java.net.URI;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.component.VEvent;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Participant mail through a real SMTP server (GreenMail), read back as MIME. */
class EmailDeliveryTest {
    @RegisterExtension
    static final GreenMailExtension GREEN = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
    private static final EmailSettings CONFIRM = new EmailSettings(true, false, false, false, null, null);

    @TempDir
    Path dir;

    /** A generous timeout: on a loaded test machine a 5 s one made a hand-off wait 5 minutes for its retry. */
    private SmtpSettings smtp() {
        return new SmtpSettings("127.0.0.1", GREEN.getSmtp().getPort(), "Lanyard <noreply@lanyard.test>", null, null,
                SmtpSettings.Security.NONE, Duration.ofSeconds(30));
    }

    private LanyardServer server(MailDeliveryCheck check, MailWorker.HandOffObserver observer) {
        MailConfig mail = new MailConfig(smtp(), 1_000, Duration.ofMillis(200), check, observer);
        return new LanyardServer(Backend.H2.config(dir).mail(mail).build());
    }

    private static MailDeliveryCheck greenMailHas() {
        return id -> Arrays.stream(GREEN.getReceivedMessages()).anyMatch(m -> {
            try {
                return id.equals(m.getMessageID());
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        });
    }

    @Test
    void aConfirmationCarriesTheTicketAsAnInlineQrCodeAndTheEventsCalendarUnderAKoreanSubject() throws Exception {
        try (Fixture f = new Fixture(server(null, null).start())) {
            f.server.email().update(f.event, CONFIRM);
            var created = f.organizer.post(f.eventPath() + "/participants",
                    Map.of("name", "홍길동", "email", "hong@example.org"));
            assertThat(created.status()).isEqualTo(201);
            String ticket = created.json().get("ticketCode").asText();

            await().atMost(Duration.ofSeconds(30)).until(() -> GREEN.getReceivedMessages().length == 1);
            MimeMessage mail = GREEN.getReceivedMessages()[0];
            String rawSubject = mail.getHeader("Subject")[0];
            assertThat(rawSubject).startsWith("=?UTF-8?").doesNotContain("등록");
            assertThat(MimeUtility.decodeText(rawSubject)).isEqualTo("[Lanyard Conf] 등록이 확인되었습니다");
            assertThat(mail.getContentType()).startsWith("multipart/mixed");
            assertThat(MailMessages.ofType(mail, "multipart/alternative")).isNotNull();
            assertThat(MailMessages.ofType(mail, "multipart/related")).isNotNull();
            String text = (String) MailMessages.ofType(mail, "text/plain").getContent();
            assertThat(text).contains("홍길동님", ticket, "2026년 5월 20일", "(Asia/Seoul)");
            String html = (String) MailMessages.ofType(mail, "text/html").getContent();
            assertThat(html).contains("cid:" + MailContent.QR_CID, "홍길동님");
            Part qr = MailMessages.withContentId(mail, MailContent.QR_CID);
            assertThat(qr).isNotNull();
            assertThat(qr.isMimeType("image/png")).isTrue();
            byte[] png = qr.getInputStream().readAllBytes();
            java.nio.file.Files.write(dir.resolve("qr.png"), png);
            assertThat(png).as("the PNG made for the ticket").isEqualTo(QrPng.of(ticket));
            assertThat(MailMessages.decodeQr(png)).isEqualTo(ticket);

            Part ics = MailMessages.ofType(mail, "text/calendar");
            assertThat(ics).isNotNull();
            assertThat(ics.getDisposition()).isEqualTo(Part.ATTACHMENT);
            Calendar calendar = new CalendarBuilder().build(ics.getInputStream());
            List<VEvent> entries = calendar.getComponents(Component.VEVENT);
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).getAlarms()).hasSize(1);
            assertThat(entries.get(0).getProperty(net.fortuna.ical4j.model.Property.SUMMARY).orElseThrow().getValue())
                    .isEqualTo("Lanyard Conf");
            assertThat(new String(ics.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .as("the same calendar as the public link").isEqualTo(f.anonymous.get(URI.create(
                            f.organizer.get(f.eventPath()).json().get("calendarUrl").asText()).getPath()).body());

            UUID pid = UUID.fromString(created.json().get("id").asText());
            await().atMost(Duration.ofSeconds(10)).until(() -> f.server.email().emailsOf(pid).get(0).status()
                    == EmailStatus.SENT);
            OutboxRow row = f.server.email().emailsOf(pid).get(0);
            assertThat(row.messageId()).isEqualTo(mail.getMessageID());
        }
    }

    @Test
    void anHtmlBodyEscapesWhatParticipantsAndOrganizersTyped() {
        String html = MailContent.html("en", "Dear <script>alert(1)</script> & \"co\"", "footer", false, false);
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;")
                .doesNotContain("<script>");
    }

    /**
     * A reminder still pending when its event had started (SMTP set up late, or the server down over the start) was
     * sent anyway: "see you tomorrow" after the doors opened. Found by a review.
     */
    @Test
    void aReminderStillWaitingWhenTheEventHasStartedIsCancelledNotSent() throws Exception {
        SettableClock clock = new SettableClock(Fixture.DAY1.minusDays(19).atStartOfDay(java.time.ZoneOffset.UTC)
                .toInstant());
        MailConfig mail = new MailConfig(smtp(), 1_000, Duration.ofMillis(200), null, null);
        try (Fixture f = new Fixture(new LanyardServer(Backend.H2.config(dir).mail(mail).build(), clock).start())) {
            Participant kim = f.server.admin().addParticipant(f.event.id(),
                    Map.of("name", "Kim", "email", "kim@example.org"));
            f.server.email().update(f.event, new EmailSettings(false, true, false, false, null, null));
            await().atMost(Duration.ofSeconds(20)).until(() -> dayBefore(f, kim).map(OutboxRow::status)
                    .orElse(null) == EmailStatus.PENDING);

            clock.advance(Duration.ofDays(19).plusHours(12)); // 21:00 of day 1 in Seoul: doors opened at 09:00
            f.server.mailWorker().lookOnceAndWait();

            assertThat(dayBefore(f, kim).orElseThrow().status()).isEqualTo(EmailStatus.CANCELLED);
            assertThat(GREEN.getReceivedMessages()).isEmpty();
        }
    }

    private static java.util.Optional<OutboxRow> dayBefore(Fixture f, Participant who) {
        return f.server.email().emailsOf(who.id()).stream().filter(r -> r.kind() == EmailKind.DAY_BEFORE)
                .findFirst();
    }

    @Test
    void aStormOfSendPendingCallsSendsEachParticipantOneConfirmation() throws Exception {
        try (Fixture f = new Fixture(server(null, null).start())) {
            List<String> addresses = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                addresses.add("p" + i + "@example.org");
                f.server.admin().addParticipant(f.event.id(), Map.of("name", "P" + i, "email", addresses.get(i)));
            }
            f.server.email().update(f.event, CONFIRM);
            ExecutorService pool = Executors.newFixedThreadPool(12);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                boolean http = i % 2 == 0;
                calls.add(pool.submit(() -> {
                    go.await();
                    if (http) {
                        var res = f.organizer.post(f.eventPath() + "/emails/confirmation/send-pending", null);
                        assertThat(res.status()).isEqualTo(200);
                        return res.json().get("enqueued").asInt();
                    }
                    return f.server.email().sendPendingConfirmations(f.event);
                }));
            }
            go.countDown();
            int enqueued = 0;
            for (Future<Integer> c : calls) {
                enqueued += c.get();
            }
            pool.shutdown();
            assertThat(enqueued).isEqualTo(25);
            await().atMost(Duration.ofSeconds(60)).until(() -> sent(f.server, f.event.id()) == 25);
            f.server.email().sendPendingConfirmations(f.event);
            // a second copy would be handed to SMTP in the worker's next look, done when this returns
            f.server.mailWorker().lookOnceAndWait();
            assertThat(recipientsCount()).hasSize(25).allSatisfy((to, n) -> assertThat(n).isEqualTo(1L));
        }
    }

    /**
     * Confirmations queued while switched off are cancelled as such; switched on again, sending the pending ones
     * skipped them (their rows exist) and answered 0, so those people never got their ticket. Found by a review.
     */
    @Test
    void confirmationsCancelledWhileSwitchedOffAreSentOnceSwitchedOnAndAskedFor() throws Exception {
        try (Fixture f = new Fixture(server(null, null).start())) {
            f.server.admin().addParticipant(f.event.id(), Map.of("name", "Kim", "email", "kim-off@example.org"));
            f.server.email().update(f.event, new EmailSettings(false, false, false, false, null, null));
            assertThat(f.server.email().sendPendingConfirmations(f.event)).isEqualTo(1);
            f.server.mailWorker().lookOnceAndWait();
            assertThat(f.server.email().status(f.event.id()).counts().get(EmailKind.CONFIRMATION))
                    .containsEntry(EmailStatus.CANCELLED, 1);

            f.server.email().update(f.event, CONFIRM);
            assertThat(f.server.email().sendPendingConfirmations(f.event)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(60)).until(() -> sent(f.server, f.event.id()) == 1);
            assertThat(recipientsCount()).containsEntry("kim-off@example.org", 1L);
        }
    }

    @Test
    void aServerKilledMidBatchNeitherLosesNorRepeatsAMailTheSmtpServerTook() throws Exception {
        AtomicBoolean dead = new AtomicBoolean();
        List<UUID> cutBefore = new ArrayList<>();
        List<UUID> cutAfter = new ArrayList<>();
        int[] handOffs = {0};
        MailWorker.HandOffObserver crash = new MailWorker.HandOffObserver() {
            @Override
            public void beforeHandOff(UUID row) {
                ++handOffs[0];
                if (dead.get()) {
                    cutBefore.add(row);
                    throw new Crash(); // the process ends between marking the row and talking to SMTP
                }
            }

            @Override
            public void afterHandOff(UUID row) {
                if (handOffs[0] == 3) {
                    dead.set(true);
                    cutAfter.add(row);
                    throw new Crash(); // the process ends after SMTP took the mail, before the row says so
                }
            }
        };
        Fixture f = new Fixture(server(null, crash));
        for (int i = 0; i < 10; i++) {
            f.server.admin().addParticipant(f.event.id(), Map.of("name", "P" + i, "email", "p" + i + "@example.org"));
        }
        f.server.email().update(f.event, CONFIRM);
        f.server.email().sendPendingConfirmations(f.event);
        f.server.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> !cutAfter.isEmpty());
        Map<EmailStatus, Integer> before = f.server.email().status(f.event.id()).counts().get(EmailKind.CONFIRMATION);
        assertThat(before.get(EmailStatus.SENDING)).isPositive();
        assertThat(GREEN.getReceivedMessages()).hasSize(3);
        f.server.stop();

        try (LanyardServer restarted = server(greenMailHas(), null).start()) {
            await().atMost(Duration.ofSeconds(60)).alias("all sent; counts were "
                    + restarted.email().status(f.event.id()).counts()).until(() -> sent(restarted, f.event.id()) == 10);
        }
        assertThat(recipientsCount()).hasSize(10).allSatisfy((to, n) -> assertThat(n).isEqualTo(1L));
    }

    @Test
    void withoutAWayToAskTheMailServerACutOffHandOffIsMarkedUnknownAndResentOnlyOnRequest() throws Exception {
        AtomicBoolean dead = new AtomicBoolean();
        MailWorker.HandOffObserver crash = new MailWorker.HandOffObserver() {
            @Override
            public void beforeHandOff(UUID row) {
                if (dead.compareAndSet(false, true)) {
                    throw new Crash();
                }
            }

            @Override
            public void afterHandOff(UUID row) {
            }
        };
        Fixture f = new Fixture(server(null, crash));
        Participant p = f.server.admin().addParticipant(f.event.id(),
                Map.of("name", "Kim", "email", "kim@example.org"));
        f.server.email().update(f.event, CONFIRM);
        f.server.email().sendPendingConfirmations(f.event);
        f.server.start();
        await().atMost(Duration.ofSeconds(30)).until(dead::get);
        f.server.stop();

        try (LanyardServer restarted = server(null, null).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> restarted.email().emailsOf(p.id()).get(0).status()
                    == EmailStatus.UNKNOWN);
            assertThat(restarted.email().emailsOf(p.id()).get(0).reason()).contains("email retry");
            restarted.mailWorker().lookOnceAndWait(); // an automatic resend would be handed to SMTP in this look
            assertThat(GREEN.getReceivedMessages()).isEmpty();
            assertThat(restarted.email().retry(f.event.id())).isEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> GREEN.getReceivedMessages().length == 1);
        }
    }

    /** The process ending where the worker is: nothing after it in that thread runs. */
    private static final class Crash extends Error {
    }

    private static long sent(LanyardServer server, UUID event) {
        return server.email().status(event).counts().getOrDefault(EmailKind.CONFIRMATION, Map.of())
                .getOrDefault(EmailStatus.SENT, 0);
    }

    private static Map<String, Long> recipientsCount() {
        return Arrays.stream(GREEN.getReceivedMessages()).map(m -> {
            try {
                return m.getAllRecipients()[0].toString();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
