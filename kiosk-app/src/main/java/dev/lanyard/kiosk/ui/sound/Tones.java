package dev.lanyard.kiosk.ui.sound;

import java.util.EnumMap;
import java.util.Map;

/**
 * The waveforms of the door's sounds, synthesised in code (16-bit signed little-endian mono
 * PCM at {@value #SAMPLE_RATE} Hz) so the kiosk needs neither sound files nor a media stack.
 */
public final class Tones {
    public static final float SAMPLE_RATE = 22_050f;

    /** One note: frequency in Hz (0 = rest) and length in ms. */
    record Note(double hz, int millis) {
    }

    private static final Map<Sound, Note[]> MELODIES = new EnumMap<>(Sound.class);

    static {
        MELODIES.put(Sound.ADMITTED, new Note[] {new Note(880, 90), new Note(0, 20), new Note(1318.5, 160)});
        MELODIES.put(Sound.ALREADY_IN, new Note[] {new Note(660, 140), new Note(0, 70), new Note(660, 140)});
        MELODIES.put(Sound.REFUSED, new Note[] {new Note(196, 420)});
    }

    private Tones() {
    }

    /** The notes a sound is made of (for tests and for anyone documenting the sounds). */
    static Note[] melody(Sound sound) {
        return MELODIES.get(sound).clone();
    }

    /** PCM for {@code sound} at {@code volume} (0..1). */
    public static byte[] pcm(Sound sound, double volume) {
        if (!(volume >= 0 && volume <= 1)) {
            throw new IllegalArgumentException("volume must be 0..1, was " + volume);
        }
        Note[] notes = MELODIES.get(sound);
        int total = 0;
        for (Note n : notes) {
            total += samples(n.millis());
        }
        byte[] out = new byte[total * 2];
        int at = 0;
        for (Note n : notes) {
            int count = samples(n.millis());
            // a 5 ms fade in and out keeps notes from clicking
            int fade = Math.min(count / 2, samples(5));
            for (int i = 0; i < count; i++) {
                double envelope = Math.min(1, Math.min(i, count - 1 - i) / (double) Math.max(1, fade));
                double wave = n.hz() == 0 ? 0 : waveform(sound, 2 * Math.PI * n.hz() * i / SAMPLE_RATE);
                short sample = (short) Math.round(wave * envelope * volume * 0.8 * Short.MAX_VALUE);
                out[at++] = (byte) sample;
                out[at++] = (byte) (sample >> 8);
            }
        }
        return out;
    }

    /** The refusal buzzes (square-ish, harsh); the others are clean sines. */
    private static double waveform(Sound sound, double phase) {
        if (sound == Sound.REFUSED) {
            double s = Math.sin(phase);
            return Math.signum(s) * Math.min(1, Math.abs(s) * 3);
        }
        return Math.sin(phase);
    }

    private static int samples(int millis) {
        return Math.round(SAMPLE_RATE * millis / 1000f);
    }
}
