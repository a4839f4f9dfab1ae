package dev.lanyard.kiosk.ui.sound;

/**
 * Plays the door's sounds. Implementations must return quickly and never throw: a missing or
 * busy audio device must not stop a check-in.
 */
public interface SoundPlayer {
    void play(Sound sound);

    SoundPlayer SILENT = sound -> { };
}
