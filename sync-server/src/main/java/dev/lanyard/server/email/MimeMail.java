package dev.lanyard.server.email;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.util.Date;

/**
 * Builds the MIME message: multipart/mixed of [multipart/alternative of [text/plain,
 * multipart/related of [text/html, QR code, logo]], the .ics]. The subject is RFC 2047 encoded
 * UTF-8; the Message-ID is the one recorded in the outbox before sending, never one Jakarta Mail
 * makes up on its own.
 */
public final class MimeMail {
    private MimeMail() {
    }

    /**
     * The From address with its display name RFC 2047 encoded: parsed from a string ("행사팀 <noreply@...>"), the name
     * is taken as already encoded and went out as raw UTF-8, which strict servers refuse.
     */
    public static InternetAddress sender(String from) throws MessagingException {
        InternetAddress address = new InternetAddress(from);
        if (address.getPersonal() != null) {
            try {
                address.setPersonal(address.getPersonal(), "UTF-8");
            } catch (java.io.UnsupportedEncodingException e) {
                throw new IllegalStateException("UTF-8 is always there", e);
            }
        }
        return address;
    }

    public static MimeMessage build(Session session, String from, String to, String messageId, MailContent content)
            throws MessagingException {
        MimeMessage message = new FixedIdMessage(session, messageId);
        message.setFrom(sender(from));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to, true));
        message.setSubject(content.subject(), "UTF-8");
        message.setSentDate(new Date());

        MimeBodyPart text = new MimeBodyPart();
        text.setText(content.text(), "UTF-8", "plain");
        MimeMultipart related = new MimeMultipart("related");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(content.html(), "UTF-8", "html");
        related.addBodyPart(html);
        if (content.qrText() != null) {
            related.addBodyPart(inlineImage(QrPng.of(content.qrText()), MailContent.QR_CID, "ticket-qr.png"));
        }
        if (content.logoPng() != null) {
            related.addBodyPart(inlineImage(content.logoPng(), MailContent.LOGO_CID, "logo.png"));
        }
        MimeBodyPart relatedPart = new MimeBodyPart();
        relatedPart.setContent(related);
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(relatedPart);

        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart alternativePart = new MimeBodyPart();
        alternativePart.setContent(alternative);
        mixed.addBodyPart(alternativePart);
        if (content.ics() != null) {
            MimeBodyPart ics = new MimeBodyPart();
            ics.setDataHandler(new DataHandler(new ByteArrayDataSource(content.ics(), "text/calendar; charset=UTF-8")));
            ics.setFileName("event.ics");
            ics.setDisposition(MimeBodyPart.ATTACHMENT);
            mixed.addBodyPart(ics);
        }
        message.setContent(mixed);
        message.saveChanges();
        return message;
    }

    private static MimeBodyPart inlineImage(byte[] png, String cid, String fileName) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(png, "image/png")));
        part.setContentID("<" + cid + ">");
        part.setDisposition(MimeBodyPart.INLINE);
        part.setFileName(fileName);
        return part;
    }

    /** Keeps the Message-ID it was given: {@link MimeMessage#saveChanges()} would otherwise replace it. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
