package dev.lanyard.server.email;

import java.time.Instant;
import java.util.UUID;

/** One mail in the outbox, as the API and the host tools show it. */
public record OutboxRow(UUID id, UUID eventId, UUID participantId, EmailKind kind, EmailStatus status, Instant dueAt,
                        int attempts, String messageId, String reason, Instant sentAt) {
}
