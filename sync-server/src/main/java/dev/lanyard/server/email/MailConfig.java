package dev.lanyard.server.email;

import java.time.Duration;

/**
 * How a server sends mail. Without SMTP the outbox still fills (rows stay pending and the status
 * says "mail not configured"), so switching SMTP on later sends what is due.
 *
 * @param ratePerSecond at most this many hand-offs a second (default 5: well under the limits of
 *                      common providers' submission servers)
 * @param poll          how often the worker looks for due rows besides being woken
 * @param deliveryCheck answers whether a Message-ID reached the mail server; null in production
 * @param observer      test seam around each hand-off; null in production
 */
public record MailConfig(SmtpSettings smtp, double ratePerSecond, Duration poll, MailDeliveryCheck deliveryCheck,
                         MailWorker.HandOffObserver observer) {
    public static final MailConfig NONE = new MailConfig(null, 5, Duration.ofSeconds(10), null, null);

    public MailConfig {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("mail rate must be positive");
        }
        poll = poll == null ? Duration.ofSeconds(10) : poll;
    }

    public static MailConfig smtp(SmtpSettings smtp) {
        return new MailConfig(smtp, NONE.ratePerSecond, NONE.poll, null, null);
    }

    public String describe() {
        return smtp == null ? "mail not configured" : "smtp " + smtp;
    }
}
