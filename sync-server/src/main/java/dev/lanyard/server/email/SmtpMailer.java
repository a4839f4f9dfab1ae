package dev.lanyard.server.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/** Hands one message at a time to the configured SMTP server and says how it went. */
public final class SmtpMailer {
    /** What came of a hand-off. {@code refused}: the server answered 5xx, trying again cannot help. */
    public record Outcome(boolean sent, boolean refused, String reason) {
        static final Outcome SENT = new Outcome(true, false, null);
    }

    private final SmtpSettings settings;
    private final Session session;
    /** Something@somewhere in a reply, without the brackets or quotes around it. */
    private static final java.util.regex.Pattern ADDRESS =
            java.util.regex.Pattern.compile("[^\\s<>\"'@,;:]+@[^\\s<>\"',;:]+");

    public SmtpMailer(SmtpSettings settings) {
        this.settings = settings;
        this.session = Session.getInstance(settings.sessionProperties());
    }

    public Session session() {
        return session;
    }

    public String from() {
        return settings.from();
    }

    public SmtpSettings settings() {
        return settings;
    }

    public Outcome send(MimeMessage message) {
        Transport transport;
        try {
            transport = session.getTransport();
            transport.connect(settings.host(), settings.port(), settings.user(), settings.password());
        } catch (MessagingException e) {
            return failed(e);
        }
        try {
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            closeQuietly(transport);
            return failed(e);
        }
        // the server answered the message with 250: it is sent, whatever becomes of the QUIT after it (a close that
        // failed was taken for a failed send, and the mail went out again at the next try)
        closeQuietly(transport);
        return Outcome.SENT;
    }

    private static Outcome failed(MessagingException e) {
        int code = returnCode(e);
        String reason = (code > 0 ? code + " " : "") + describe(e);
        return new Outcome(false, code >= 500 && code < 600, reason.length() > 1000 ? reason.substring(0, 1000)
                : reason);
    }

    private static void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            // the connection is closed either way; nothing of the message depends on it
        }
    }

    /**
     * A reason as it may be logged: a mail server's reply usually quotes the address ("550 5.1.1 <kim@...>: rejected"),
     * and the logs are read and shipped where no erasure reaches. The outbox row keeps the whole reason until purged.
     */
    public static String withoutAddresses(String reason) {
        return reason == null ? null : ADDRESS.matcher(reason).replaceAll("<address>");
    }

    /** The SMTP reply code anywhere in the exception chain, or 0 when the server never answered one. */
    static int returnCode(Throwable e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
            if (t instanceof SMTPSenderFailedException s) {
                return s.getReturnCode();
            }
            if (t instanceof SMTPSendFailedException s) {
                return s.getReturnCode();
            }
        }
        return 0;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static String describe(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null && b.length() < 1000; t = next(t)) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            if (b.indexOf(m) < 0) {
                b.append(b.length() == 0 ? "" : ": ").append(m);
            }
        }
        return b.toString().replaceAll("\\s+", " ");
    }
}
