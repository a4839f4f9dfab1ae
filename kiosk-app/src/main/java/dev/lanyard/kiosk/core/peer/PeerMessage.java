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

    /** Revoked keys one frame may name: an event has tens of doors. */
    static final int MAX_REVOKED = 1_024;

    /**
     * What in this frame is beyond what any door sends, or null: checked as the frame is read, before it waits for
     * the node, so what waits there is bounded by the protocol and not only by the frame's length.
     */
    String beyondBounds() {
        if (vector != null && vector.size() > VersionVector.MAX_ORIGINS) {
            return "a vector of " + vector.size() + " origins (at most " + VersionVector.MAX_ORIGINS + ")";
        }
        if (items != null && items.size() > PeerNode.PAGE_ITEMS) {
            return "a page of " + items.size() + " items (at most " + PeerNode.PAGE_ITEMS + ")";
        }
        if (items != null) {
            for (PeerItem item : items) {
                if (item != null && item.body() != null && item.body().length() > PeerItem.MAX_BODY_CHARS) {
                    return "an item of " + item.body().length() + " characters (at most " + PeerItem.MAX_BODY_CHARS
                            + ")";
                }
            }
        }
        if (revoked != null && revoked.size() > MAX_REVOKED) {
            return revoked.size() + " revoked keys (at most " + MAX_REVOKED + ")";
        }
        return null;
    }

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
