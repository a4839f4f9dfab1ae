package dev.lanyard.kiosk.ui.sound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TonesTest {
    @Test
    void everySoundHasItsOwnWaveform() {
        byte[] admitted = Tones.pcm(Sound.ADMITTED, 0.7);
        byte[] already = Tones.pcm(Sound.ALREADY_IN, 0.7);
        byte[] refused = Tones.pcm(Sound.REFUSED, 0.7);

        assertThat(Arrays.equals(admitted, already)).isFalse();
        assertThat(Arrays.equals(admitted, refused)).isFalse();
        assertThat(Arrays.equals(already, refused)).isFalse();
    }

    @Test
    void theRefusalIsLowerAndLongerThanTheWelcome() {
        Tones.Note[] welcome = Tones.melody(Sound.ADMITTED);
        Tones.Note[] refusal = Tones.melody(Sound.REFUSED);

        assertThat(refusal[0].hz()).isLessThan(welcome[0].hz());
        assertThat(Tones.pcm(Sound.REFUSED, 1).length).isGreaterThan(Tones.pcm(Sound.ADMITTED, 1).length);
    }

    @Test
    void theLengthMatchesTheNotesAt16BitMono() {
        int millis = Arrays.stream(Tones.melody(Sound.ALREADY_IN)).mapToInt(Tones.Note::millis).sum();

        assertThat(Tones.pcm(Sound.ALREADY_IN, 0.5).length)
                .isCloseTo((int) (Tones.SAMPLE_RATE * millis / 1000) * 2, org.assertj.core.data.Offset.offset(8));
    }

    @Test
    void silenceAtVolumeZeroAndSoundAtFullVolume() {
        byte[] quiet = Tones.pcm(Sound.ADMITTED, 0);
        byte[] loud = Tones.pcm(Sound.ADMITTED, 1);

        assertThat(quiet).containsOnly((byte) 0);
        int peak = 0;
        for (int i = 0; i < loud.length; i += 2) {
            peak = Math.max(peak, Math.abs((short) ((loud[i] & 0xFF) | (loud[i + 1] << 8))));
        }
        assertThat(peak).isBetween(20_000, (int) Short.MAX_VALUE);
    }

    @Test
    void aVolumeOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> Tones.pcm(Sound.ADMITTED, 1.5)).hasMessageContaining("volume");
    }

    @Test
    void playingOnAMachineWithoutAudioNeverThrows() throws Exception {
        try (ToneSoundPlayer player = new ToneSoundPlayer(() -> true)) {
            for (Sound s : Sound.values()) {
                player.play(s);
            }
            player.play(null);
            player.finishQueued();
        }
    }

    @Test
    void everySoundAskedForReachesTheSpeakerWhenSoundsAreOn() throws Exception {
        List<byte[]> played = new CopyOnWriteArrayList<>();
        try (ToneSoundPlayer on = new ToneSoundPlayer(() -> true, played::add)) {
            for (Sound s : Sound.values()) {
                on.play(s);
            }
            on.finishQueued();
        }
        assertThat(played).hasSize(Sound.values().length);
    }

    @Test
    void switchedOffPlaysNothing() throws Exception {
        List<byte[]> played = new CopyOnWriteArrayList<>();
        try (ToneSoundPlayer off = new ToneSoundPlayer(() -> false, played::add)) {
            off.play(Sound.ADMITTED);
            off.finishQueued();
        }
        assertThat(played).isEmpty();
    }

    @Test
    void afterClosePlayingIsANoOpRatherThanAnError() {
        List<byte[]> played = new CopyOnWriteArrayList<>();
        ToneSoundPlayer closed = new ToneSoundPlayer(() -> true, played::add);
        closed.close();

        closed.play(Sound.REFUSED);

        assertThat(played).isEmpty();
    }
}
