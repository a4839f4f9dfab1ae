package dev.lanyard.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a check-in op does to a participant-day. */
public enum CheckInAction implements WireEnum.Named {
    CHECK_IN, UNDO;

    @JsonValue
    @Override
    public String wire() {
        return name();
    }

    @JsonCreator
    public static CheckInAction from(String value) {
        return WireEnum.parse(CheckInAction.class, value, "action");
    }
}
