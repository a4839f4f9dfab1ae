package dev.lanyard.kiosk.ui.sound;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.SourceDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays {@link Tones} through javax.sound.sampled on a thread of its own, so the door never
 * waits for audio. Any failure to open or use the audio device is logged once and otherwise
 * ignored: the check-in it belongs to has already been committed.
 */
public final class ToneSoundPlayer implements SoundPlayer, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ToneSoundPlayer.class);
    private final ExecutorService audio = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lanyard-sound");
        t.setDaemon(true);
        return t;
    });
    private final Map<Sound, byte[]> pcm = new EnumMap<>(Sound.class);
    private final BooleanSupplier enabled;
    private final Speaker speaker;
    private volatile boolean warned;

    /** Where the samples go: the machine's audio device in production. */
    interface Speaker {
        void play(byte[] pcm) throws Exception;
    }

    /** @param enabled read at every play: the settings switch for sounds */
    public ToneSoundPlayer(BooleanSupplier enabled) {
        this(enabled, ToneSoundPlayer::throughAudioDevice);
    }

    ToneSoundPlayer(BooleanSupplier enabled, Speaker speaker) {
        this.enabled = enabled;
        this.speaker = speaker;
        for (Sound s : Sound.values()) {
            pcm.put(s, Tones.pcm(s, 0.7));
        }
    }

    @Override
    public void play(Sound sound) {
        if (sound == null || !enabled.getAsBoolean()) {
            return;
        }
        try {
            audio.execute(() -> playNow(sound));
        } catch (RejectedExecutionException closed) {
            // shutting down: nothing to play to
        }
    }

    /** Waits until every sound asked for so far has been played (or failed to). */
    void finishQueued() throws Exception {
        audio.submit(() -> { }).get();
    }

    private static void throughAudioDevice(byte[] data) throws Exception {
        AudioFormat format = new AudioFormat(Tones.SAMPLE_RATE, 16, 1, true, false);
        try (SourceDataLine line = AudioSystem.getSourceDataLine(format)) {
            line.open(format, data.length);
            line.start();
            line.write(data, 0, data.length);
            line.drain();
        }
    }

    private void playNow(Sound sound) {
        try {
            speaker.play(pcm.get(sound));
        } catch (Exception | LinkageError e) {
            if (!warned) {
                warned = true;
                LOG.warn("cannot play sounds on this machine ({}); check-ins go on silently", e.toString());
            }
        }
    }

    @Override
    public void close() {
        audio.shutdownNow();
    }
}
