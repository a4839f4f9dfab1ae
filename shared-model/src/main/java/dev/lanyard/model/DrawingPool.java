package dev.lanyard.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Who may win a prize drawing. */
public enum DrawingPool implements WireEnum.Named {
    ALL, CHECKED_IN;

    @JsonValue
    @Override
    public String wire() {
        return WireEnum.lower(this);
    }

    @JsonCreator
    public static DrawingPool from(String value) {
        return WireEnum.parse(DrawingPool.class, value, "pool");
    }
}
