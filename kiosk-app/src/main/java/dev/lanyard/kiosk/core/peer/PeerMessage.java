package dev.lanyard.kiosk.core.peer;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One frame of the peer protocol, a JSON line (ADR 0316): {@code want} carries the sender's
 * vector and asks for what it lacks; {@code items} carries a page of items, as the answer to a
 * want ({@code reply}, with {@code complete}) or pushed unasked; {@code revoked} carries the key
 * hashes the sender knows to be revoked (ADR 0319).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PeerMessage(String type, UUID event, Map<String, Long> vector, List<PeerItem> items, Boolean complete,
                          Boolean reply, List<String> revoked) {
    public static final String WANT = "want";
    public static final String ITEMS = "items";
    public static final String REVOKED = "revoked";

    static PeerMessage want(UUID event, VersionVector vector) {
        return new PeerMessage(WANT, event, vector.asMap(), null, null, null, null);
    }

    static PeerMessage items(UUID event, List<PeerItem> items, boolean complete, boolean reply) {
        return new PeerMessage(ITEMS, event, null, items, complete, reply, null);
    }

    static PeerMessage revoked(UUID event, java.util.Collection<String> keyHashes) {
        return new PeerMessage(REVOKED, event, null, null, null, null, List.copyOf(keyHashes));
    }
}
