package dev.lanyard.server.email;

import dev.lanyard.server.alerts.AlertMailer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;

/**
 * Host alerts through the server's SMTP settings. Sent directly, not through the participant outbox: an alert has no
 * participant to key it on, and {@code alert_log} already keeps it to once an hour per condition (ADR 0224).
 */
public final class SmtpAlertMailer implements AlertMailer {
    private final SmtpMailer mailer;

    public SmtpAlertMailer(SmtpMailer mailer) {
        this.mailer = mailer;
    }

    /** Throws when the SMTP server did not take the mail, so the alert is logged as not delivered. */
    @Override
    public void send(String to, String subject, String body) {
        SmtpMailer.Outcome outcome;
        try {
            MimeMessage message = new MimeMessage(mailer.session());
            message.setFrom(MimeMail.sender(mailer.from()));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to, true));
            message.setSubject(subject, "UTF-8");
            message.setSentDate(new Date());
            message.setText(body, "UTF-8", "plain");
            outcome = mailer.send(message);
        } catch (MessagingException e) {
            throw new IllegalStateException("host alert could not be built for " + to, e);
        }
        if (!outcome.sent()) {
            throw new IllegalStateException("SMTP did not take the host alert: " + outcome.reason());
        }
    }
}
