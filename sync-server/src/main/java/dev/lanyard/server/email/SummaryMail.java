package dev.lanyard.server.email;

import dev.lanyard.model.Event;
import dev.lanyard.server.alerts.AlertLog;
import dev.lanyard.server.report.EventReports;
import dev.lanyard.server.report.EventSummary;
import dev.lanyard.server.sync.EventService;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The organizer's summary (seed 004, "주최자 요약 리포트"), mailed once to the event's {@code emails.reportTo} after
 * its last day closes: the summary as text and HTML, the arrivals chart inline and the check-in CSV attached.
 * "Once" is a claim in {@code alert_log} taken before sending (ADR 0224), so a restart or a second server on the same
 * database never sends it again; a mail the SMTP server did not take gives the claim back for the next check.
 */
public final class SummaryMail {
    static final String CHART_CID = "arrivals@lanyard";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SummaryMail.class);
    private final EmailSettingsStore settings;
    private final EventService events;
    private final EventReports reports;
    private final SmtpMailer mailer;
    private final AlertLog once;
    private final Clock clock;

    /** A summary the mail server did not take is tried again after this (each try summarizes the whole event). */
    public static final Duration TRY_AGAIN_AFTER = Duration.ofMinutes(10);

    public SummaryMail(EmailSettingsStore settings, EventService events, EventReports reports, SmtpMailer mailer,
                       AlertLog once, Clock clock) {
        this.settings = settings;
        this.events = events;
        this.reports = reports;
        this.mailer = mailer;
        this.once = once;
        this.clock = clock;
    }

    /** Mails every ended event's summary not mailed yet; the events mailed now. */
    public List<UUID> check() {
        Instant now = clock.instant();
        List<UUID> mailed = new ArrayList<>();
        for (UUID eventId : settings.events()) {
            String to = settings.settings(eventId).reportTo();
            Optional<Event> event = events.findLive(eventId);
            if (to == null || event.isEmpty() || !ended(event.get(), now)) {
                continue;
            }
            String key = "summary:" + eventId;
            String address = eventId + ":" + fingerprint(to);
            // each try summarizes the whole event: one that failed waits; one refused waits for another address
            if (once.held(key) || once.held("summary-refused:" + address)
                    || !once.claim("summary-try:" + address, now, TRY_AGAIN_AFTER) || !once.claimOnce(key, now)) {
                continue;
            }
            SmtpMailer.Outcome outcome = send(event.get(), to);
            if (outcome.sent()) {
                mailed.add(eventId);
            } else {
                once.release(key);
                if (outcome.refused()) {
                    once.claimOnce("summary-refused:" + address, now);
                }
                LOG.warn(outcome.refused() ? "the mail server refused the organizer summary; it is sent again once the"
                                + " event's report address changes"
                                : "the organizer summary was not taken by the mail server; it is tried again",
                        net.logstash.logback.argument.StructuredArguments.kv("event", eventId),
                        net.logstash.logback.argument.StructuredArguments.kv("reason",
                                SmtpMailer.withoutAddresses(outcome.reason())));
            }
        }
        return mailed;
    }

    /** An address as a key fits the alert log's column: the first 16 bytes of its SHA-256, in hex. */
    private static String fingerprint(String address) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(
                    address.toLowerCase(java.util.Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** An event whose end cannot be computed (a date at the calendar's edge) has not ended: one such is skipped. */
    private static boolean ended(Event event, Instant now) {
        try {
            return !now.isBefore(endOf(event));
        } catch (java.time.DateTimeException e) {
            LOG.warn("event {} ends past what the calendar holds; no summary is mailed for it", event.id());
            return false;
        }
    }

    /** When the event's last day closes in its zone: its doors' closing time, else the end of that day. */
    public static Instant endOf(Event event) {
        LocalDate last = event.days().get(event.days().size() - 1);
        if (event.hours() != null) {
            return last.atTime(event.hours().closes()).atZone(event.timezone()).toInstant();
        }
        return last.plusDays(1).atTime(LocalTime.MIDNIGHT).atZone(event.timezone()).toInstant();
    }

    private SmtpMailer.Outcome send(Event event, String to) {
        try {
            return mailer.send(message(event, to));
        } catch (MessagingException | RuntimeException e) {
            return new SmtpMailer.Outcome(false, false, "could not build the summary: " + e);
        }
    }

    MimeMessage message(Event event, String to) throws MessagingException {
        EventSummary summary = reports.summarize(event);
        String text = text(summary);
        MimeMessage message = new MimeMessage(mailer.session());
        message.setFrom(MimeMail.sender(mailer.from()));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to, true));
        message.setSubject("[Lanyard] " + event.name() + ": summary", "UTF-8");
        message.setSentDate(new Date());

        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText("<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"></head><body>\n<pre>"
                + MailContent.escape(text) + "</pre>\n<p><img src=\"cid:" + CHART_CID
                + "\" alt=\"Arrivals per 15 minutes\"></p>\n</body></html>\n", "UTF-8", "html");
        MimeBodyPart chart = attachment(reports.arrivalsChartPng(summary), "image/png", "arrivals.png");
        chart.setContentID("<" + CHART_CID + ">");
        chart.setDisposition(MimeBodyPart.INLINE);
        MimeMultipart related = new MimeMultipart("related");
        related.addBodyPart(html);
        related.addBodyPart(chart);
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(plain);
        alternative.addBodyPart(part(related));
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(part(alternative));
        java.util.Optional<byte[]> list = reports.checkInsCsv(event, EventReports.MAX_ATTACHED_CSV_BYTES);
        if (list.isPresent()) {
            MimeBodyPart csv = attachment(list.get(), "text/csv; charset=UTF-8", "check-ins.csv");
            csv.setDisposition(MimeBodyPart.ATTACHMENT);
            mixed.addBodyPart(csv);
        } else {
            MimeBodyPart note = new MimeBodyPart();
            note.setText("The check-in list is longer than a mail may carry ("
                    + (EventReports.MAX_ATTACHED_CSV_BYTES >> 20) + " MB): export it from the console or from "
                    + "GET /api/v1/events/" + event.id() + "/exports/checkins.csv.\n", "UTF-8", "plain");
            note.setDisposition(MimeBodyPart.INLINE);
            mixed.addBodyPart(note);
        }
        message.setContent(mixed);
        message.saveChanges();
        return message;
    }

    private static MimeBodyPart part(MimeMultipart multipart) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(multipart);
        return part;
    }

    private static MimeBodyPart attachment(byte[] bytes, String type, String fileName) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, type)));
        part.setFileName(fileName);
        return part;
    }

    static String text(EventSummary s) {
        StringBuilder b = new StringBuilder();
        b.append(s.name()).append(" (").append(s.timezone()).append(")\n\n");
        b.append("Participants: ").append(s.participants()).append(", registered: ").append(s.registered())
                .append("\nChecked in: ").append(s.checkedIn()).append(", no-shows: ").append(s.noShows())
                .append("\nDuplicate admissions: ").append(s.duplicateAdmissions()).append(", walk-ins: ")
                .append(s.walkIns()).append("\n\n");
        for (EventSummary.Day day : s.days()) {
            b.append(day.day()).append(": checked in ").append(day.checkedIn()).append(", no-shows ")
                    .append(day.noShows()).append(", duplicates ").append(day.duplicateAdmissions())
                    .append(", walk-ins ").append(day.walkIns()).append('\n');
            day.byDoor().forEach((door, n) -> b.append("  ").append(s.doors().getOrDefault(door, door)).append(": ")
                    .append(n).append('\n'));
        }
        b.append("\nArrivals per ").append(EventSummary.BUCKET_MINUTES)
                .append(" minutes are in the chart; every check-in is in the attached CSV.\n");
        return b.toString();
    }
}
