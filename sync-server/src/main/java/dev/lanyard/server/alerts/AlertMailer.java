package dev.lanyard.server.alerts;

/** Delivers a host alert; the mail outbox implements it, a server without mail logs the alert instead. */
@FunctionalInterface
public interface AlertMailer {
    void send(String to, String subject, String body);
}
