package dev.lanyard.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a participant came to be on the list. */
public enum ParticipantSource implements WireEnum.Named {
    DIRECT, REFERRAL, IMPORT, WALK_IN;

    @JsonValue
    @Override
    public String wire() {
        return WireEnum.lower(this);
    }

    @JsonCreator
    public static ParticipantSource from(String value) {
        return WireEnum.parse(ParticipantSource.class, value, "source");
    }
}
