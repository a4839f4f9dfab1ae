package dev.lanyard.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Who a server user is. ADMIN may do everything; the others are limited per event. */
public enum Role implements WireEnum.Named {
    ADMIN, ORGANIZER, OPERATOR, AUDITOR;

    @JsonValue
    @Override
    public String wire() {
        return name();
    }

    @JsonCreator
    public static Role from(String value) {
        return WireEnum.parse(Role.class, value, "role");
    }
}
