package dev.lanyard.kiosk.ui.support;

import dev.lanyard.kiosk.ui.sound.Sound;
import dev.lanyard.kiosk.ui.sound.SoundPlayer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sound player that remembers what it was asked to play (the real one is tested on its own). */
public final class RecordingSounds implements SoundPlayer {
    private final List<Sound> played = new CopyOnWriteArrayList<>();
    private final Runnable onPlay;

    public RecordingSounds() {
        this(() -> { });
    }

    /** Also runs {@code onPlay} at each sound: the moment a result is shown, after its commit. */
    public RecordingSounds(Runnable onPlay) {
        this.onPlay = onPlay;
    }

    @Override
    public void play(Sound sound) {
        played.add(sound);
        onPlay.run();
    }

    public List<Sound> played() {
        return List.copyOf(played);
    }

    public Sound last() {
        return played.isEmpty() ? null : played.get(played.size() - 1);
    }
}
