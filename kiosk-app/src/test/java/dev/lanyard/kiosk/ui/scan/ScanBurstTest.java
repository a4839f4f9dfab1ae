package dev.lanyard.kiosk.ui.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.TicketCodes;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ScanBurstTest {
    static final String CODE = "LNYABCDEFGHJKM";
    static final Predicate<String> IS_CODE = CODE::equals;

    /**
     * Keys at {@code gap} ms from {@code at}, the first replacing the selection {@code anchor}..{@code caret} of
     * {@code text}; the text after them.
     */
    static String type(ScanBurst burst, String text, int anchor, int caret, String keys, long at, long gap) {
        int from = Math.min(anchor, caret);
        StringBuilder now = new StringBuilder(text).delete(from, Math.max(anchor, caret));
        burst.keyTyped(at, text, anchor, caret);
        now.insert(from, keys.charAt(0));
        for (int i = 1; i < keys.length(); i++) {
            burst.keyTyped(at + i * gap, now.toString(), from + i, from + i);
            now.insert(from + i, keys.charAt(i));
        }
        return now.toString();
    }

    static String type(ScanBurst burst, String text, int caret, String keys, long at, long gap) {
        return type(burst, text, caret, caret, keys, at, gap);
    }

    @Test
    void aScannersBurstAfterAPersonsTypingIsFoundAndTakenOut() {
        ScanBurst burst = ScanBurst.standard();
        String typed = type(burst, "", 0, "Kim", 0, 150);

        String now = type(burst, typed, 3, CODE, 400, 2);

        ScanBurst.Found found = burst.find(now, IS_CODE).orElseThrow();
        assertThat(found.code()).isEqualTo(CODE);
        assertThat(found.whole()).isTrue();
        assertThat(burst.textBefore()).isEqualTo("Kim");
        assertThat(burst.caretBefore()).isEqualTo(3);
    }

    /** Staff's key 20 ms before the scanner's first: it joins the run, and stays in the field when the code goes. */
    @Test
    void aPersonsKeyJustBeforeTheScanStaysAndTheCodeGoes() {
        String code = TicketCodes.generate();
        ScanBurst burst = ScanBurst.standard();
        String typed = type(burst, "", 0, "Ki", 0, 150);
        typed = type(burst, typed, 2, "m", 300, 1);

        String now = type(burst, typed, 3, code, 320, 2);

        ScanBurst.Found found = burst.find(now, ScanGuard::isTicketCode).orElseThrow();
        assertThat(found.code()).isEqualTo(code);
        assertThat(found.text()).isEqualTo("Kim");
        assertThat(found.caret()).isEqualTo(3);
        assertThat(found.whole()).isFalse();
    }

    /** And 20 ms after the scanner's last. */
    @Test
    void aPersonsKeyJustAfterTheScanStaysAndTheCodeGoes() {
        String code = TicketCodes.generate();
        ScanBurst burst = ScanBurst.standard();
        String now = type(burst, "Ki", 2, code, 1_000, 2);
        now = type(burst, now, 2 + code.length(), "m", 1_000 + 2 * (code.length() - 1) + 20, 1);

        ScanBurst.Found found = burst.find(now, ScanGuard::isTicketCode).orElseThrow();
        assertThat(found.code()).isEqualTo(code);
        assertThat(found.text()).isEqualTo("Kim");
    }

    /**
     * Another system's code (imported tickets may carry any text) scanned into a field: some 14-symbol window inside
     * it passes a ticket code's check one time in 37, and was cut out of it.
     */
    @Test
    void aForeignCodeIsLeftWholeInTheField() {
        String foreign = "pretix7Q2M9XKD4WJ8RT3VZB6NYH5C1F0G";
        ScanBurst burst = ScanBurst.standard();

        String now = type(burst, "", 0, foreign, 0, 2);

        assertThat(burst.find(now, s -> s.length() == 14)).isEmpty();
    }

    @Test
    void aBurstInTheMiddleOfTheTextIsFoundThere() {
        ScanBurst burst = ScanBurst.standard();

        String now = type(burst, "Kim Minji", 3, CODE, 1_000, 3);

        assertThat(now).isEqualTo("Kim" + CODE + " Minji");
        assertThat(burst.find(now, IS_CODE)).hasValueSatisfying(f -> assertThat(f.text()).isEqualTo("Kim Minji"));
    }

    /** A field entered by Tab has all its text selected: the scan replaced it, and it comes back with its selection. */
    @Test
    void aBurstThatReplacedASelectionGivesTheSelectedTextBack() {
        ScanBurst burst = ScanBurst.standard();

        String now = type(burst, "minji@example.com", 0, 17, CODE, 1_000, 2);

        assertThat(now).isEqualTo(CODE);
        assertThat(burst.find(now, IS_CODE)).hasValueSatisfying(f -> assertThat(f.whole()).isTrue());
        assertThat(burst.textBefore()).isEqualTo("minji@example.com");
        assertThat(burst.anchorBefore()).isZero();
        assertThat(burst.caretBefore()).isEqualTo(17);
    }

    @Test
    void aPersonTypingFastIsNoBurst() {
        ScanBurst burst = ScanBurst.standard();

        String now = type(burst, "", 0, "Jamie Walker", 0, 70);

        assertThat(burst.find(now, s -> true)).isEmpty();
    }

    @Test
    void aShortFastRunIsNoBurst() {
        ScanBurst burst = ScanBurst.standard();

        String now = type(burst, "Kim", 3, "LNYABCD", 500, 2);

        assertThat(burst.find(now, s -> true)).isEmpty();
    }

    @Test
    void aFastRunThatIsNoScanIsLeftAlone() {
        ScanBurst burst = ScanBurst.standard();

        String now = type(burst, "", 0, "jamie@example.org", 0, 2);

        assertThat(burst.find(now, IS_CODE)).isEmpty();
    }

    /** A repaint may hold one key of a scan back; the average decides, as in the scan field. */
    @Test
    void oneLateKeyInAScanStillMakesABurst() {
        ScanBurst burst = ScanBurst.standard();
        String now = type(burst, "", 0, CODE.substring(0, 7), 0, 2);
        now = type(burst, now, 7, CODE.substring(7), 12 + 60, 2);

        assertThat(burst.find(now, IS_CODE)).isPresent();
    }

    @Test
    void aFieldChangedOtherwiseSinceTheBurstIsLeftAlone() {
        ScanBurst burst = ScanBurst.standard();
        String now = type(burst, "Kim", 3, CODE, 500, 2);

        assertThat(burst.find("Lee" + now.substring(3), IS_CODE)).isEmpty();
    }

    @Test
    void quietComesAfterTheLastKey() {
        ScanBurst burst = ScanBurst.standard();
        type(burst, "", 0, CODE, 0, 2);

        assertThat(burst.quietAt(26 + 100)).isFalse();
        assertThat(burst.quietAt(26 + 120)).isTrue();
    }
}
