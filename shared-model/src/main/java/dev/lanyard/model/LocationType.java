package dev.lanyard.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where an event takes place. */
public enum LocationType implements WireEnum.Named {
    PHYSICAL, ONLINE, HYBRID;

    @JsonValue
    @Override
    public String wire() {
        return WireEnum.lower(this);
    }

    @JsonCreator
    public static LocationType from(String value) {
        return WireEnum.parse(LocationType.class, value, "type");
    }
}
