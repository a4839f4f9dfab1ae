package dev.lanyard.kiosk.core.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.TicketCodes;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyboardLayoutTest {
    private static final Random RANDOM = new Random(7);

    @Test
    void everyTicketCodeTypedThroughTheKoreanInputMethodReadsBack() {
        for (int i = 0; i < 2_000; i++) {
            String code = TicketCodes.generate(RANDOM);
            String typed = Typist.korean2Set(code);

            assertThat(HangulKeys.containsHangul(typed) || !code.matches(".*[A-Z].*")).isTrue();
            assertThat(TicketCodes.normalize(KeyboardLayout.KOREAN_2SET.toQwerty(typed))).contains(code);
        }
    }

    @Test
    void composedSyllablesWithCompoundVowelsAndFinalsDecomposeToTheirKeys() {
        assertThat(HangulKeys.toKeys("읽어")).isEqualTo("dlfrdj");
        assertThat(HangulKeys.toKeys("왜")).isEqualTo("dho");
        assertThat(HangulKeys.toKeys("ㄳ")).isEqualTo("rt");
    }

    @Test
    void everyTicketCodeTypedThroughAzertyReadsBack() {
        for (int i = 0; i < 2_000; i++) {
            String code = TicketCodes.generate(RANDOM);

            assertThat(KeyboardLayout.AZERTY.toQwerty(Typist.azerty(code))).isEqualTo(code);
        }
    }

    @Test
    void everyTicketCodeTypedThroughQwertzReadsBack() {
        for (int i = 0; i < 2_000; i++) {
            String code = TicketCodes.generate(RANDOM);

            assertThat(KeyboardLayout.QWERTZ.toQwerty(Typist.qwertz(code))).isEqualTo(code);
        }
    }

    @Test
    void qwertyLeavesTextAlone() {
        assertThat(KeyboardLayout.QWERTY.toQwerty("7K3M-é")).isEqualTo("7K3M-é");
    }
}
