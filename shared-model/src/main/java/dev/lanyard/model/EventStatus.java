package dev.lanyard.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An event's lifecycle. */
public enum EventStatus implements WireEnum.Named {
    DRAFT, PUBLISHED, IN_PROGRESS, COMPLETED, CANCELLED;

    @JsonValue
    @Override
    public String wire() {
        return WireEnum.lower(this);
    }

    @JsonCreator
    public static EventStatus from(String value) {
        return WireEnum.parse(EventStatus.class, value, "status");
    }
}
