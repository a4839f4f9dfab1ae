package dev.lanyard.kiosk.ui.sound;

/** What the door says out loud: one distinct sound per kind of result. */
public enum Sound {
    /** Green: welcome in. A bright rising pair. */
    ADMITTED,
    /** Amber: already in, or re-entry under a warning policy. Two equal mid tones. */
    ALREADY_IN,
    /** Red: unknown, cancelled, wrong event, not today. A low long buzz. */
    REFUSED
}
