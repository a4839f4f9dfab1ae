package dev.lanyard.kiosk.ui.desk;

import dev.lanyard.kiosk.ui.sound.Sound;
import dev.lanyard.model.ScanOutcome;

/** The colour of the result panel, readable from a metre away, and the sound that goes with it. */
public enum ResultKind {
    IDLE(null),
    /** Green: in. */
    ADMITTED(Sound.ADMITTED),
    /** Amber: already in (with time and door), or a re-entry staff should notice. */
    WARNING(Sound.ALREADY_IN),
    /** Red: not admitted. */
    REFUSED(Sound.REFUSED),
    /** Neutral: an admission was taken back. */
    UNDONE(null);

    private final Sound sound;

    ResultKind(Sound sound) {
        this.sound = sound;
    }

    public Sound sound() {
        return sound;
    }

    public String styleClass() {
        return "result-" + name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ResultKind of(ScanOutcome outcome, boolean warn) {
        return switch (outcome) {
            case ADMITTED -> ADMITTED;
            case REENTRY -> warn ? WARNING : ADMITTED;
            case ALREADY_IN -> WARNING;
            case UNKNOWN_CODE, WRONG_EVENT, CANCELLED, NOT_TODAY -> REFUSED;
            case UNDONE -> UNDONE;
        };
    }
}
