package dev.lanyard.print.dymo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.print.TestBitmaps;
import dev.lanyard.print.media.DymoLabel;
import dev.lanyard.print.model.EncodedJob;
import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.raster.Bitmap;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DymoEncoderTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    private static Bitmap page(DymoLabel label) {
        return TestBitmaps.pattern(label.printableWidthDots(), label.printableLengthDots(), 3);
    }

    @Test
    void lw450PreambleResyncsResetsAndAsksForStatus() {
        EncodedJob job = Dymo400Encoder.encode(DymoJob.of(PrinterModel.LW_450, DymoLabel.S99014,
                List.of(page(DymoLabel.S99014))));
        byte[] preamble = job.segments().get(0).bytes();
        assertThat(preamble).hasSize(104);
        for (int i = 0; i < 100; i++) {
            assertThat(preamble[i]).isEqualTo((byte) 0x1B);
        }
        assertThat(HEX.formatHex(preamble, 100, 104)).isEqualTo("1B 40 1B 41");
    }

    @Test
    void pageHeaderSetsDotTabLengthMsbFirstWidthAndDensity() {
        byte[] page = Dymo400Encoder.encode(DymoJob.of(PrinterModel.LW_450, DymoLabel.S99014,
                List.of(page(DymoLabel.S99014))))
                .segments().get(1).bytes();
        // ESC B 0, ESC L 04 A7 (1191 lines), ESC D 50 (638 dots -> 80 bytes), ESC e (normal)
        assertThat(HEX.formatHex(page, 0, 12)).isEqualTo("1B 42 00 1B 4C 04 A7 1B 44 50 1B 65");
        assertThat(HEX.formatHex(page, page.length - 4, page.length)).isEqualTo("1B 45 1B 41");
    }

    @Test
    void leadingBlankLinesAreSkippedNotSent() {
        byte[] page = Dymo400Encoder.encode(DymoJob.of(PrinterModel.LW_450, DymoLabel.S99014,
                List.of(page(DymoLabel.S99014))))
                .segments().get(1).bytes();
        // 64 blank lines above the printable area: DYMO's PPD puts its top at 270.48 pt of 285.84 pt
        assertThat(HEX.formatHex(page, 12, 16)).isEqualTo("1B 66 01 40");
    }

    @Test
    void sparseLinesUseRunLengthAndBusyLinesUseRawBytes() {
        Bitmap printable = new Bitmap(608, 1109);
        printable.fill(0, 0, 608, 1);                  // solid: few runs -> ETB
        for (int x = 0; x < 608; x += 2) printable.set(x, 1, true); // every other dot: many runs -> SYN
        byte[] page = Dymo400Encoder.encode(DymoJob.of(PrinterModel.LW_450, DymoLabel.S99014, List.of(printable)))
                .segments().get(1).bytes();
        // after ESC f 01 40 (64 margin lines): the solid line as ETB + 7 runs (18 white = the PPD's 4.32 pt
        // left margin, 608 black as 128+128+128+128+96, 14 white: the 638-dot page padded to 80 bytes),
        // then the dotted line as SYN + 80 bytes
        assertThat(page[16]).isEqualTo((byte) 0x17);
        assertThat(HEX.formatHex(page, 17, 24)).isEqualTo("11 FF FF FF FF DF 0D");
        assertThat(page[24]).isEqualTo((byte) 0x16);
    }

    @Test
    void multipleLabelsUseShortFormFeedBetweenAndFormFeedAtTheEnd() {
        EncodedJob job = Dymo400Encoder.encode(DymoJob.of(PrinterModel.LW_450T, DymoLabel.S30252,
                List.of(page(DymoLabel.S30252), page(DymoLabel.S30252))));
        byte[] first = job.segments().get(1).bytes();
        byte[] last = job.segments().get(2).bytes();
        assertThat(HEX.formatHex(first, first.length - 4, first.length)).isEqualTo("1B 47 1B 41");
        assertThat(HEX.formatHex(last, last.length - 4, last.length)).isEqualTo("1B 45 1B 41");
    }

    @Test
    void lw550HasJobHeaderLockLabelHeaderAndNoReset() {
        EncodedJob job = Dymo550Encoder.encode(new DymoJob(PrinterModel.LW_550, DymoLabel.S30252,
                List.of(page(DymoLabel.S30252)), DymoDensity.NORMAL, 0x01020304));
        assertThat(HEX.formatHex(job.segments().get(0).bytes())).isEqualTo("1B 41 01");
        byte[] label = job.segments().get(1).bytes();
        // ESC s 04 03 02 01, ESC C 64, ESC h, ESC n 01 00, ESC D 01 02 rows=1050 (1A 04 00 00) dots=336 (50 01 00 00)
        assertThat(HEX.formatHex(label, 0, 27))
                .isEqualTo("1B 73 04 03 02 01 1B 43 64 1B 68 1B 6E 01 00 1B 44 01 02 1A 04 00 00 50 01 00 00");
        assertThat(label).hasSize(27 + 1050 * 42 + 5);
        assertThat(HEX.formatHex(label, label.length - 5, label.length)).isEqualTo("1B 47 1B 41 00");
        assertThat(HEX.formatHex(job.segments().get(2).bytes())).isEqualTo("1B 45 1B 51");
        assertThat(HEX.formatHex(job.bytes())).doesNotContain("1B 40");
    }

    @Test
    void theWrongProtocolIsRejected() {
        DymoJob job = DymoJob.of(PrinterModel.LW_550, DymoLabel.S30252, List.of(page(DymoLabel.S30252)));
        assertThatThrownBy(() -> Dymo400Encoder.encode(job)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("400/450");
    }

    @Test
    void aPageOfTheWrongSizeIsRejected() {
        assertThatThrownBy(() -> DymoJob.of(PrinterModel.LW_450, DymoLabel.S99014, List.of(new Bitmap(600, 1109))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("608x1109");
    }
}
