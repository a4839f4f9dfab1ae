package dev.lanyard.model.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.lanyard.model.WireEnum;
import java.util.Locale;

/** What a change-feed entry carries in its {@code data}. */
public enum ChangeType implements WireEnum.Named {
    /** data: a {@link dev.lanyard.model.Participant}, the merged state after the change. */
    PARTICIPANT,
    /** data: an {@link dev.lanyard.model.Event}. */
    EVENT,
    /** data: a {@link dev.lanyard.model.CheckInOp} with its seq. */
    CHECKIN_OP,
    /** data: a {@link dev.lanyard.model.PrizeDrawing}. */
    DRAWING;

    @JsonValue
    @Override
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ChangeType from(String value) {
        return WireEnum.parse(ChangeType.class, value, "type");
    }
}
