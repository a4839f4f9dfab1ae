package dev.lanyard.server.email;

/**
 * Asks the mail server (or its log) whether a message with a Message-ID arrived. Production SMTP
 * offers no such question, so a server has none there; the tests' GreenMail and the demo's sink
 * can answer, and then a hand-off cut off by a crash is settled for sure (ADR 0221).
 */
@FunctionalInterface
public interface MailDeliveryCheck {
    boolean arrived(String messageId);
}
