package dev.lanyard.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a door told the person in front of it. Every scan is logged with one of these. */
public enum ScanOutcome implements WireEnum.Named {
    /** First admission of the day. */
    ADMITTED,
    /** Already admitted today; the door shows when and where. */
    ALREADY_IN,
    /** Admitted again the same day under a re-entry policy that allows it. */
    REENTRY,
    /** No participant of this event has the code (or its check symbol is wrong). */
    UNKNOWN_CODE,
    /** The code belongs to another event. */
    WRONG_EVENT,
    /** The registration was cancelled (or is on the waitlist). */
    CANCELLED,
    /** The event has no check-in on this day. */
    NOT_TODAY,
    /** A staff member took an admission back. */
    UNDONE;

    @JsonValue
    @Override
    public String wire() {
        return name();
    }

    @JsonCreator
    public static ScanOutcome from(String value) {
        return WireEnum.parse(ScanOutcome.class, value, "outcome");
    }

    public boolean admits() {
        return this == ADMITTED || this == REENTRY;
    }
}
