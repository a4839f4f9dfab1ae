package dev.lanyard.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a participant stands with the organizer; only REGISTERED people are admitted. */
public enum RegistrationStatus implements WireEnum.Named {
    REGISTERED, WAITLIST, CANCELLED;

    @JsonValue
    @Override
    public String wire() {
        return WireEnum.lower(this);
    }

    @JsonCreator
    public static RegistrationStatus from(String value) {
        return WireEnum.parse(RegistrationStatus.class, value, "registrationStatus");
    }
}
