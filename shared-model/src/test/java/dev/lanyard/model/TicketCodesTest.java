package dev.lanyard.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TicketCodesTest {

    @Test
    void generatedCodesAreFourteenAlphanumericSymbolsWithAValidCheck() {
        for (int i = 0; i < 2_000; i++) {
            String code = TicketCodes.generate();
            assertThat(code).hasSize(TicketCodes.LENGTH).matches("[0-9A-HJKMNP-TV-Z]{13}[0-9A-HJKMNP-Z]");
            assertThat(TicketCodes.shape(code)).isEqualTo(TicketCodes.Shape.VALID);
        }
    }

    @Test
    void generatedCodesDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add(TicketCodes.generate())).isTrue();
        }
    }

    @Test
    void everyDataSymbolPositionCarriesRandomBits() {
        // 13 symbols x 5 bits = 65 bits: each position must take all 32 values over enough draws
        Random random = new Random(42);
        for (int position = 0; position < TicketCodes.DATA_LENGTH; position++) {
            Set<Character> symbols = new HashSet<>();
            for (int i = 0; i < 5_000; i++) {
                symbols.add(TicketCodes.generate(random).charAt(position));
            }
            assertThat(symbols).as("position %d", position).hasSize(32);
        }
    }

    @Test
    void normalizesWhatScannersAndPeopleType() {
        String code = TicketCodes.generate(new Random(7));
        String sloppy = TicketCodes.display(code).toLowerCase().replace('1', 'l').replace('0', 'o');

        assertThat(TicketCodes.normalize(sloppy)).contains(code);
        assertThat(TicketCodes.shape(sloppy)).isEqualTo(TicketCodes.Shape.VALID);
    }

    @Test
    void displayGroupsInFours() {
        assertThat(TicketCodes.display("ABCDEFGHJKMNPQ")).isEqualTo("ABCD-EFGH-JKMN-PQ");
    }

    @Test
    void foreignCodesAreNotMistakenForMisreads() {
        assertThat(TicketCodes.shape("pretix-secret-abcdefghijklmnop")).isEqualTo(TicketCodes.Shape.FOREIGN);
        assertThat(TicketCodes.shape("123456789")).isEqualTo(TicketCodes.Shape.FOREIGN);
        assertThat(TicketCodes.shape("")).isEqualTo(TicketCodes.Shape.FOREIGN);
        assertThat(TicketCodes.shape(null)).isEqualTo(TicketCodes.Shape.FOREIGN);
    }

    @Property(tries = 1000)
    void anySingleSymbolChangeIsCaught(@ForAll long seed, @ForAll @IntRange(min = 0, max = 13) int position,
                                       @ForAll @IntRange(min = 1, max = 31) int shift) {
        String code = TicketCodes.generate(new Random(seed));
        char[] chars = code.toCharArray();
        String alphabet = position == TicketCodes.DATA_LENGTH ? TicketCodes.CHECK_ALPHABET : TicketCodes.ALPHABET;
        chars[position] = alphabet.charAt((alphabet.indexOf(chars[position]) + shift) % alphabet.length());

        assertThat(TicketCodes.shape(new String(chars))).isEqualTo(TicketCodes.Shape.BAD_CHECK);
    }

    @Property(tries = 1000)
    void anyAdjacentSwapOfDifferentSymbolsIsCaught(@ForAll long seed,
            @ForAll @IntRange(min = 0, max = 12) int position) {
        String code = TicketCodes.generate(new Random(seed));
        char[] chars = code.toCharArray();
        // a swap of equal symbols changes nothing: such a try is not counted (jqwik reports the rejections)
        Assume.that(chars[position] != chars[position + 1]);
        char swap = chars[position];
        chars[position] = chars[position + 1];
        chars[position + 1] = swap;

        assertThat(TicketCodes.shape(new String(chars))).isNotEqualTo(TicketCodes.Shape.VALID);
    }

    @Test
    void wireTextIsKeptPrintableAndWithinItsBound() {
        assertThat(TicketCodes.printable("a\u0007b", 10)).isEqualTo("a?b");
        assertThat(TicketCodes.printable("x".repeat(50), 40)).hasSize(40).endsWith("…");
        assertThat(TicketCodes.printable(null, 40)).isEmpty();
    }
    @Test
    void halvesOfSurrogatePairsAreReplacedAndWholePairsKept() {
        assertThat(TicketCodes.printable("AB\ud800")).isEqualTo("AB?");
        assertThat(TicketCodes.printable("\udc00AB", 10)).isEqualTo("?AB");
        assertThat(TicketCodes.printable("표\ud83d\ude00")).isEqualTo("표\ud83d\ude00");
    }

    @Test
    void aLongTextIsNeverCutThroughASurrogatePair() {
        String cut = TicketCodes.printable("x".repeat(39) + "\ud83d\ude00" + "y");
        assertThat(cut).isEqualTo("x".repeat(39) + "…");
        assertThat(TicketCodes.printable("x".repeat(8) + "\ud83d\ude00" + "y", 10)).isEqualTo("x".repeat(8) + "…");
    }
}
