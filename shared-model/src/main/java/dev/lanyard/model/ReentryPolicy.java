package dev.lanyard.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a door does when an admitted person scans again the same day: let them through silently, let them through with
 * an amber notice, or refuse.
 */
public enum ReentryPolicy implements WireEnum.Named {
    ALLOW, WARN, DENY;

    @JsonValue
    @Override
    public String wire() {
        return WireEnum.lower(this);
    }

    @JsonCreator
    public static ReentryPolicy from(String value) {
        return WireEnum.parse(ReentryPolicy.class, value, "reentryPolicy");
    }
}
