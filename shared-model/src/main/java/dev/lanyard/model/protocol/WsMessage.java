package dev.lanyard.model.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.lanyard.model.Require;
import java.util.List;
import java.util.UUID;

/**
 * The realtime WebSocket envelopes, told apart by {@code type}. The client authenticates
 * first, then subscribes per event with the last seq it holds; the server pushes committed
 * changes with their seq and a heartbeat every 30 s.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = WsMessage.Auth.class, name = "auth"),
        @JsonSubTypes.Type(value = WsMessage.AuthOk.class, name = "auth_ok"),
        @JsonSubTypes.Type(value = WsMessage.Subscribe.class, name = "subscribe"),
        @JsonSubTypes.Type(value = WsMessage.Subscribed.class, name = "subscribed"),
        @JsonSubTypes.Type(value = WsMessage.Unsubscribe.class, name = "unsubscribe"),
        @JsonSubTypes.Type(value = WsMessage.SubscribeLive.class, name = "subscribe_live"),
        @JsonSubTypes.Type(value = WsMessage.Changes.class, name = "changes"),
        @JsonSubTypes.Type(value = WsMessage.Live.class, name = "live"),
        @JsonSubTypes.Type(value = WsMessage.Heartbeat.class, name = "heartbeat"),
        @JsonSubTypes.Type(value = WsMessage.Error.class, name = "error"),
})
public sealed interface WsMessage {
    /** client -> server, first message: a user or device token. */
    record Auth(String token) implements WsMessage {
        public Auth {
            Require.text(token, "token", 4_096);
        }

        @Override
        public String toString() {
            return "Auth[token=***]";
        }
    }

    /**
     * server -> client: the token was good.
     *
     * @param serverTime the server's wall clock (epoch ms) when it answered, so a kiosk corrects
     *                   its clock as soon as it connects; absent from older servers
     */
    record AuthOk(String subject, Long serverTime) implements WsMessage {
        public AuthOk(String subject) {
            this(subject, null);
        }
    }

    /** client -> server: send me the changes of this event after this seq, then keep them coming. */
    record Subscribe(UUID eventId, Long afterSeq) implements WsMessage {
        public Subscribe {
            Require.present(eventId, "eventId");
            afterSeq = afterSeq == null ? 0L : Require.nonNegative(afterSeq, "afterSeq");
        }
    }

    /** server -> client: subscription active; the backlog after {@code afterSeq} follows as changes. */
    record Subscribed(UUID eventId, long afterSeq) implements WsMessage {
    }

    /**
     * client -> server: on this socket, send only the event's fresh check-ins, as they are accepted, and no backlog
     * (ADR 0236). A door catching up on a long feed on its other socket still sees the room's new scans at once.
     */
    record SubscribeLive(UUID eventId) implements WsMessage {
        public SubscribeLive {
            Require.present(eventId, "eventId");
        }
    }

    record Unsubscribe(UUID eventId) implements WsMessage {
        public Unsubscribe {
            Require.present(eventId, "eventId");
        }
    }

    /** server -> client: committed changes in seq order; {@code lastSeq} is the seq of the last one. */
    record Changes(UUID eventId, List<Change> changes, long lastSeq) implements WsMessage {
        public Changes {
            changes = changes == null ? List.of() : List.copyOf(changes);
        }
    }

    /**
     * server -> client on a live subscription: check-ins a door pushed as fresh, right after the server accepted them,
     * out of seq order and possibly again later in the feed (applying one twice changes nothing).
     */
    record Live(UUID eventId, List<Change> changes) implements WsMessage {
        public Live {
            changes = changes == null ? List.of() : List.copyOf(changes);
        }
    }

    /**
     * server -> client every 30 s, so both ends notice a dead connection; {@code ts} is the server's wall clock (epoch
     * ms).
     */
    record Heartbeat(long ts) implements WsMessage {
    }

    record Error(String error, String message) implements WsMessage {
    }
}
