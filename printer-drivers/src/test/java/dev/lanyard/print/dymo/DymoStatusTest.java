package dev.lanyard.print.dymo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.print.driver.PrinterProblem;
import dev.lanyard.print.driver.StatusInterpreter;
import dev.lanyard.print.media.DymoLabel;
import org.junit.jupiter.api.Test;

class DymoStatusTest {
    @Test
    void readyAtTopOfForm() {
        DymoStatus s = DymoStatus.parse(new byte[] {0x03});
        assertThat(s.ready()).isTrue();
        assertThat(s.topOfForm()).isTrue();
        assertThat(s.hasErrors()).isFalse();
        assertThat(s.problems()).isEmpty();
    }

    @Test
    void outOfPaperBit() {
        DymoStatus s = DymoStatus.parse(new byte[] {0x20});
        assertThat(s.outOfPaper()).isTrue();
        assertThat(s.problems()).singleElement().satisfies(m -> assertThat(m.english()).contains("Out of labels"));
    }

    @Test
    void jamBit() {
        DymoStatus s = DymoStatus.parse(new byte[] {0x40});
        assertThat(s.paperJam()).isTrue();
        assertThat(s.problems()).singleElement().satisfies(m -> assertThat(m.korean()).contains("걸렸습니다"));
    }

    @Test
    void generalErrorBit() {
        DymoStatus s = DymoStatus.parse(new byte[] {(byte) 0x80});
        assertThat(s.error()).isTrue();
        assertThat(s.hasErrors()).isTrue();
    }

    @Test
    void lw550StatusRoundTripsAndReportsBayProblems() {
        Dymo550Status s = new Dymo550Status(Dymo550Status.STATE_IDLE, 7, 2, Dymo550Status.BAY_OPEN, "30252", 123);
        Dymo550Status parsed = Dymo550Status.parse(s.toBytes());
        assertThat(parsed).isEqualTo(s);
        assertThat(parsed.hasErrors()).isTrue();
        assertThat(parsed.problems()).singleElement().satisfies(m -> assertThat(m.english()).contains("bay open"));
    }

    @Test
    void lw550LockNotGrantedIsAnError() {
        Dymo550Status s = new Dymo550Status(Dymo550Status.STATE_LOCK_NOT_GRANTED, 0, 0, Dymo550Status.BAY_OK, "", 0);
        assertThat(s.hasErrors()).isTrue();
        assertThat(s.problems()).singleElement().satisfies(m -> assertThat(m.english()).contains("another computer"));
    }

    /** A label cancelled with the printer's own button is not printed: the job said so, and counted it printed. */
    @Test
    void lw550CancelledOnThePrinterIsAProblemNotAPrintedLabel() {
        Dymo550Status s = new Dymo550Status(Dymo550Status.STATE_CANCEL, 7, 1, Dymo550Status.BAY_OK, "30252", 120);
        assertThat(s.hasErrors()).isTrue();
        assertThat(StatusInterpreter.dymo550(s, DymoLabel.S30252).problems())
                .containsExactly(PrinterProblem.CANCELLED_ON_PRINTER);
    }

    /**
     * Staff cancelled it on purpose: as a retryable problem the queue printed it again 2 s later, and then every 15 s
     * while the badges behind it waited. Found by a review.
     */
    @Test
    void aLabelCancelledOnThePrinterIsNotPrintedAgainByItself() {
        assertThat(PrinterProblem.CANCELLED_ON_PRINTER.retryable()).isFalse();
    }
}
