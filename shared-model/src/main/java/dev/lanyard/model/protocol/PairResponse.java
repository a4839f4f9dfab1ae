package dev.lanyard.model.protocol;

import dev.lanyard.model.Event;
import java.util.List;
import java.util.UUID;

/** A paired device: its id (also its HLC node id), its bearer token, and the events it serves. */
public record PairResponse(UUID deviceId, String token, List<Event> events) {
    public PairResponse {
        events = events == null ? List.of() : List.copyOf(events);
    }
}
