package dev.lanyard.kiosk.core.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.TicketCodes;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScanReadingsTest {
    @Test
    void theTextAsTypedComesFirstWhenNoLayoutIsCalibrated() {
        assertThat(ScanReadings.of("abc&", null)).first().isEqualTo("abc&");
    }

    @Test
    void theCalibratedLayoutsReadingComesFirst() {
        String code = TicketCodes.generate(new Random(3));

        assertThat(ScanReadings.of(Typist.azerty(code), KeyboardLayout.AZERTY)).first().isEqualTo(code);
    }

    @Test
    void hangulIsReadAsKoreanKeysEvenWithoutCalibration() {
        String code = TicketCodes.generate(new Random(4));

        assertThat(ScanReadings.of(Typist.korean2Set(code), null))
                .anySatisfy(r -> assertThat(TicketCodes.normalize(r)).contains(code));
    }

    @Test
    void theBestGuessIsAWellFormedCodeWhenOneReadingIsOne() {
        String code = TicketCodes.generate(new Random(5));

        assertThat(TicketCodes.normalize(ScanReadings.bestGuess(ScanReadings.of(Typist.korean2Set(code), null))))
                .contains(code);
    }
}
