package dev.lanyard.kiosk.core.scan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The generator the layout tests rely on, checked against what the real layouts type. */
class TypistTest {
    @Test
    void theKoreanInputMethodComposesTheGreeting() {
        assertThat(Typist.korean2Set("dkssudgktpdy")).isEqualTo("안녕하세요");
    }

    @Test
    void aFinalConsonantMovesToTheNextSyllableBeforeAVowel() {
        assertThat(Typist.korean2Set("rkrk")).isEqualTo("가가");
        assertThat(Typist.korean2Set("dlfrdj")).isEqualTo("읽어");
    }

    @Test
    void aLoneJamoStaysAJamo() {
        assertThat(Typist.korean2Set("7k3")).isEqualTo("7ㅏ3");
    }

    @Test
    void azertyAndQwertzMoveTheirLetters() {
        assertThat(Typist.azerty("QAZWM1")).isEqualTo("AQWZ?&");
        assertThat(Typist.qwertz("YZ9")).isEqualTo("ZY9");
    }
}
