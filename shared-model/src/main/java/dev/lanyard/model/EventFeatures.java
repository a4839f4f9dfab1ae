package dev.lanyard.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Switches an organizer flips per event. */
public record EventFeatures(boolean checkin, boolean prizeDrawing, boolean anonymousMode, boolean selfService) {
    public static final EventFeatures DEFAULT = new EventFeatures(true, true, false, false);

    @JsonCreator
    static EventFeatures fromJson(@JsonProperty("checkin") Boolean checkin,
                                  @JsonProperty("prizeDrawing") Boolean prizeDrawing,
                                  @JsonProperty("anonymousMode") Boolean anonymousMode,
                                  @JsonProperty("selfService") Boolean selfService) {
        return new EventFeatures(checkin == null || checkin, prizeDrawing == null || prizeDrawing,
                anonymousMode != null && anonymousMode, selfService != null && selfService);
    }
}
