package dev.lanyard.server.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this server last heard from each door: when, and how many items the door said it still had to send. Doors
 * report their outbox in the {@value #PENDING_HEADER} header of any request (ADR 0224). Kept in memory: after a
 * restart every door counts as heard at the start.
 */
public final class DoorActivity {
    public static final String PENDING_HEADER = "Lanyard-Outbox-Pending";
    private final Instant started;
    private final Map<UUID, Heard> doors = new ConcurrentHashMap<>();

    public record Heard(Instant at, Integer pending) {
    }

    public DoorActivity(Instant started) {
        this.started = started;
    }

    /** A door's request, with the raw {@value #PENDING_HEADER} value (null or junk: the last known count stays). */
    public void heard(UUID door, String pendingHeader, Instant at) {
        Integer pending = parse(pendingHeader);
        doors.merge(door, new Heard(at, pending),
                (old, now) -> new Heard(now.at(), now.pending() != null ? now.pending() : old.pending()));
    }

    /** When the door was last heard, or when this server started if not since. */
    public Instant lastHeard(UUID door) {
        Heard heard = doors.get(door);
        return heard == null ? started : heard.at();
    }

    public Optional<Integer> pending(UUID door) {
        return Optional.ofNullable(doors.get(door)).map(Heard::pending);
    }

    public Map<UUID, Heard> all() {
        return Map.copyOf(doors);
    }

    private static Integer parse(String header) {
        if (header == null || header.isBlank() || header.length() > 10) {
            return null;
        }
        try {
            int n = Integer.parseInt(header.trim());
            return n < 0 ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
