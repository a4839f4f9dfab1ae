package dev.lanyard.kiosk.core;

import dev.lanyard.kiosk.core.syncstatus.SyncStatus;
import java.util.Map;
import java.util.UUID;

/**
 * A snapshot for {@code status}: connection, what is owed to the server, what the replica holds.
 *
 * @param lastSeq       change-feed position per event
 * @param participants  participants held (not counting walk-ins merged into another registration)
 * @param unreadChanges feed entries of all events this kiosk's version could not read and set aside (ADR 0335):
 *                      more than zero means the laptop needs updating
 */
public record KioskStatus(String deviceId, String serverUrl, UUID activeEvent, boolean online, int pendingItems,
                          int pendingOps,
                          int deadLetters, Map<UUID, Long> lastSeq, int participants, int openConflicts,
                          long unreadChanges, SyncStatus sync) {
}
