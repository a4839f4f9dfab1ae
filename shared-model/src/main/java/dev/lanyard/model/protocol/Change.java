package dev.lanyard.model.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.PrizeDrawing;
import dev.lanyard.model.Require;
import dev.lanyard.model.json.Json;

/**
 * One entry of an event's change feed. {@code data} stays a JSON tree so that a reader can
 * pass entries along without knowing every type; {@link #as} reads it.
 *
 * @param at when the server committed the entry (its clock, Unix milliseconds); null from a server that does not
 *           say. A door keeps the one of the entry at its position to tell a feed rebuilt after a restore from the
 *           one it read.
 */
public record Change(long seq, ChangeType type, JsonNode data, Long at) {
    public Change {
        Require.nonNegative(seq, "seq");
        Require.present(type, "type");
        Require.present(data, "data");
    }

    public Change(long seq, ChangeType type, JsonNode data) {
        this(seq, type, data, null);
    }

    public static Change of(long seq, Object value) {
        ChangeType type;
        if (value instanceof Participant) {
            type = ChangeType.PARTICIPANT;
        } else if (value instanceof CheckInOp) {
            type = ChangeType.CHECKIN_OP;
        } else if (value instanceof Event) {
            type = ChangeType.EVENT;
        } else if (value instanceof PrizeDrawing) {
            type = ChangeType.DRAWING;
        } else {
            throw new IllegalArgumentException("not a change-feed type: " + value.getClass().getSimpleName());
        }
        return new Change(seq, type, Json.mapper().valueToTree(value));
    }

    public <T> T as(Class<T> type) {
        try {
            return Json.mapper().treeToValue(data, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new dev.lanyard.model.json.InvalidMessageException("change " + seq + ": " + Json.describe(e), e);
        }
    }

    /** The record this change carries, typed by {@link #type}. */
    public Object value() {
        return switch (type) {
            case PARTICIPANT -> as(Participant.class);
            case EVENT -> as(Event.class);
            case CHECKIN_OP -> as(CheckInOp.class);
            case DRAWING -> as(PrizeDrawing.class);
        };
    }
}
