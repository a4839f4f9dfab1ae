package dev.lanyard.model.protocol;

import java.util.List;

/** The doors of one event and their peer keys: what {@code GET /api/v1/events/{id}/peer-keys} answers. */
public record PeerKeys(List<PeerKey> keys) {
    public PeerKeys {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }
}
