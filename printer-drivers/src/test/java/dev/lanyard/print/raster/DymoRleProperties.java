package dev.lanyard.print.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DymoRleProperties {
    @Property(tries = 500)
    void decodingEncodedRunsGivesTheLineBack(@ForAll("lines") byte[] line) {
        byte[] runs = DymoRle.encode(line);
        assertThat(DymoRle.decode(runs, 0, runs.length, line.length)).isEqualTo(line);
    }

    @Property(tries = 300)
    void runsAddUpToExactlyTheLineWidth(@ForAll("lines") byte[] line) {
        int pixels = 0;
        for (byte run : DymoRle.encode(line)) {
            pixels += (run & 0x7F) + 1;
        }
        assertThat(pixels).isEqualTo(line.length * 8);
        assertThat(DymoRle.encodedLength(line, 0, line.length)).isEqualTo(DymoRle.encode(line).length);
    }

    @Provide
    Arbitrary<byte[]> lines() {
        Arbitrary<byte[]> sparse = Arbitraries.integers().between(1, 156)
                .flatMap(n -> Arbitraries.integers().between(0, n * 8 - 1)
                .list().ofMaxSize(20).map(bits -> {
                    byte[] line = new byte[n];
                    bits.forEach(b -> line[b >> 3] |= (byte) (0x80 >>> (b & 7)));
                    return line;
                }));
        return Arbitraries.oneOf(sparse, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(156));
    }

    @Example
    void aBlankLineOf84BytesIsSixWhiteRuns() {
        // 672 white pixels: 5 runs of 128 and one of 32
        assertThat(DymoRle.encode(new byte[84])).containsExactly(0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x1F);
    }

    @Example
    void colourIsBitSeven() {
        byte[] line = {(byte) 0xFF, 0x00};
        assertThat(DymoRle.encode(line)).containsExactly((byte) 0x87, 0x07);
    }

    @Example
    void runsThatDoNotFillTheLineAreRejected() {
        assertThatThrownBy(() -> DymoRle.decode(new byte[] {0x07}, 0, 1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 16");
    }
}
