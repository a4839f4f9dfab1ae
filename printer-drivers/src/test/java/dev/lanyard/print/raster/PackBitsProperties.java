package dev.lanyard.print.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PackBitsProperties {
    @Property(tries = 500)
    void decodingAnEncodedLineGivesItBack(@ForAll("lines") byte[] line) {
        assertThat(PackBits.decode(PackBits.encode(line))).isEqualTo(line);
    }

    @Property(tries = 300)
    void encodedLineFitsTheOneByteLengthOfABrotherRasterLine(@ForAll("headLines") byte[] line) {
        // worst case is one header byte per 128 literals
        assertThat(PackBits.encode(line).length).isLessThanOrEqualTo(line.length + (line.length + 127) / 128)
                .isLessThan(256);
    }

    @Provide
    Arbitrary<byte[]> lines() {
        // runs of repeated bytes mixed with noise, like label rows
        Arbitrary<byte[]> runs = Arbitraries.bytes().flatMap(b -> Arbitraries.integers().between(1, 300)
                .map(n -> { byte[] r = new byte[n]; java.util.Arrays.fill(r, b); return r; }));
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(400),
                runs.list().ofMaxSize(6).map(PackBitsProperties::concat));
    }

    @Provide
    Arbitrary<byte[]> headLines() {
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofSize(90),
                Arbitraries.bytes().array(byte[].class).ofSize(162));
    }

    @Example
    void matchesTheAppleTechnicalNoteExample() {
        // Apple Technical Note TN1023, the reference PackBits example
        byte[] unpacked = hex("AAAAAA80002AAAAAAAAA80002A22AAAAAAAAAAAAAAAAAAAA");
        byte[] packed = hex("FEAA0280002AFDAA0380002A22F7AA");
        assertThat(PackBits.encode(unpacked)).isEqualTo(packed);
        assertThat(PackBits.decode(packed)).isEqualTo(unpacked);
    }

    @Example
    void aBlankBrotherLineCompressesToTwoBytes() {
        assertThat(PackBits.encode(new byte[90])).containsExactly((byte) -89, (byte) 0);
    }

    @Example
    void truncatedInputIsRejected() {
        assertThatThrownBy(() -> PackBits.decode(new byte[] {5, 1, 2})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("runs past the end");
    }

    static byte[] concat(java.util.List<byte[]> parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
