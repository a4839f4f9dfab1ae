package dev.lanyard.kiosk.ui.scan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScanBurstTest {
    static final String CODE = "LNYABCDEFGHJKM";

    /** Keys at {@code gap} ms from {@code at}, each inserted at the caret of {@code text}; the text after them. */
    static String type(ScanBurst burst, String text, int caret, String keys, long at, long gap) {
        StringBuilder now = new StringBuilder(text);
        for (int i = 0; i < keys.length(); i++) {
            burst.keyTyped(at + i * gap, now.toString(), caret + i);
            now.insert(caret + i, keys.charAt(i));
        }
        return now.toString();
    }

    @Test
    void aScannersBurstAfterAPersonsTypingIsFoundWithTheTextItStartedFrom() {
        ScanBurst burst = ScanBurst.standard();
        String typed = type(burst, "", 0, "Kim", 0, 150);

        String now = type(burst, typed, 3, CODE, 400, 2);

        assertThat(burst.inserted(now)).contains(CODE);
        assertThat(burst.textBefore()).isEqualTo("Kim");
        assertThat(burst.caretBefore()).isEqualTo(3);
    }

    @Test
    void aBurstInTheMiddleOfTheTextIsFoundThere() {
        ScanBurst burst = ScanBurst.standard();

        String now = type(burst, "Kim Minji", 3, CODE, 1_000, 3);

        assertThat(now).isEqualTo("Kim" + CODE + " Minji");
        assertThat(burst.inserted(now)).contains(CODE);
        assertThat(burst.textBefore()).isEqualTo("Kim Minji");
    }

    @Test
    void aPersonTypingFastIsNoBurst() {
        ScanBurst burst = ScanBurst.standard();

        String now = type(burst, "", 0, "Jamie Walker", 0, 70);

        assertThat(burst.inserted(now)).isEmpty();
    }

    @Test
    void aShortFastRunIsNoBurst() {
        ScanBurst burst = ScanBurst.standard();

        String now = type(burst, "Kim", 3, "LNYABCD", 500, 2);

        assertThat(burst.inserted(now)).isEmpty();
    }

    /** A repaint may hold one key of a scan back; the average decides, as in the scan field. */
    @Test
    void oneLateKeyInAScanStillMakesABurst() {
        ScanBurst burst = ScanBurst.standard();
        String now = type(burst, "", 0, CODE.substring(0, 7), 0, 2);
        now = type(burst, now, 7, CODE.substring(7), 12 + 60, 2);

        assertThat(burst.inserted(now)).contains(CODE);
    }

    @Test
    void aFieldChangedOtherwiseSinceTheBurstIsLeftAlone() {
        ScanBurst burst = ScanBurst.standard();
        String now = type(burst, "Kim", 3, CODE, 500, 2);

        assertThat(burst.inserted("Lee" + now.substring(3))).isEmpty();
    }

    @Test
    void quietComesAfterTheLastKey() {
        ScanBurst burst = ScanBurst.standard();
        type(burst, "", 0, CODE, 0, 2);

        assertThat(burst.quietAt(26 + 100)).isFalse();
        assertThat(burst.quietAt(26 + 120)).isTrue();
    }
}
