package dev.lanyard.server.email;

import java.util.Locale;

/**
 * Where an outbox row is. {@code UNKNOWN}: the server stopped while handing the mail to SMTP and
 * nothing could tell whether the mail server took it; it is not resent on its own (ADR 0221).
 */
public enum EmailStatus {
    PENDING, SENDING, SENT, FAILED, UNKNOWN, CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EmailStatus fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
