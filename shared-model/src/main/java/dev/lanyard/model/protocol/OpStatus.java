package dev.lanyard.model.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.lanyard.model.WireEnum;
import java.util.Locale;

/** The server's answer for one pushed item. */
public enum OpStatus implements WireEnum.Named {
    ACCEPTED, DUPLICATE, REJECTED;

    @JsonValue
    @Override
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static OpStatus from(String value) {
        return WireEnum.parse(OpStatus.class, value, "status");
    }
}
