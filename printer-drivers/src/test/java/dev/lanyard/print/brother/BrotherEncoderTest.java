package dev.lanyard.print.brother;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.print.TestBitmaps;
import dev.lanyard.print.media.BrotherLabel;
import dev.lanyard.print.model.EncodedJob;
import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.model.Reply;
import dev.lanyard.print.raster.Bitmap;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrotherEncoderTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    private static EncodedJob encode(PrinterModel model, BrotherLabel media, int pages) {
        int lines = media.printableLengthDots() > 0 ? media.printableLengthDots() : 600;
        List<BrotherPage> list = new java.util.ArrayList<>();
        for (int i = 0; i < pages; i++) {
            list.add(BrotherPage.of(TestBitmaps.pattern(media.printableWidthDots(), lines, i)));
        }
        return BrotherEncoder.encode(BrotherJob.of(model, media, list));
    }

    private static String hex(byte[] b, int from, int to) {
        return HEX.formatHex(b, from, to);
    }

    @Test
    void preambleInvalidatesWithTheModelsLengthThenInitialisesAndAsksForStatus() {
        assertThat(encode(PrinterModel.QL_700, BrotherLabel.D62x100, 1).segments().get(0).bytes()).hasSize(200 + 5);
        assertThat(encode(PrinterModel.QL_1100, BrotherLabel.D62x100, 1).segments().get(0).bytes()).hasSize(350 + 5);
        byte[] preamble = encode(PrinterModel.QL_820NWB, BrotherLabel.D62x100, 1).segments().get(0).bytes();
        assertThat(preamble).hasSize(400 + 5);
        assertThat(hex(preamble, 400, 405)).isEqualTo("1B 40 1B 69 53");
    }

    @Test
    void dieCutPageHeaderOnAQl820() {
        byte[] page = encode(PrinterModel.QL_820NWB, BrotherLabel.D62x100, 1).segments().get(1).bytes();
        // ESC i a 01, ESC i ! 00, ESC i z 8E 0B 3E 64 (1109 = 0x0455 lines) 00 00, ESC i M 40, ESC i A 01,
        // ESC i K 08, ESC i d 00 00, M 02
        assertThat(hex(page, 0, 42)).isEqualTo("1B 69 61 01 1B 69 21 00 1B 69 7A 8E 0B 3E 64 55 04 00 00 00 00 "
                + "1B 69 4D 40 1B 69 41 01 1B 69 4B 08 1B 69 64 00 00 4D 02 67 00");
        assertThat(page[page.length - 1]).isEqualTo((byte) 0x1A);
    }

    @Test
    void ql700GetsNeitherModeSwitchNorCompression() {
        byte[] page = encode(PrinterModel.QL_700, BrotherLabel.D29x90, 1).segments().get(1).bytes();
        assertThat(hex(page, 0, 3)).isEqualTo("1B 69 7A");
        assertThat(hex(page, 0, 30)).doesNotContain("4D 02");
        // first raster line uncompressed: 67 00 5A (90 bytes)
        assertThat(hex(page, 30, 33)).isEqualTo("67 00 5A");
    }

    @Test
    void endlessTapeGetsContinuousTypeNoLengthFlagAndA35DotMargin() {
        byte[] page = encode(PrinterModel.QL_810W, BrotherLabel.E62, 1).segments().get(1).bytes();
        // flags 86 (recovery, width, type), type 0A, 62 mm, length 0, 600 = 0x0258 lines
        assertThat(hex(page, 8, 21)).isEqualTo("1B 69 7A 86 0A 3E 00 58 02 00 00 00 00");
        assertThat(hex(page, 33, 38)).isEqualTo("1B 69 64 23 00");
    }

    @Test
    void multiPageJobsPrintWith0CAndEndWith1AAndMarkLaterPages() {
        EncodedJob job = encode(PrinterModel.QL_810W, BrotherLabel.D62x29, 3);
        assertThat(job.segments()).hasSize(4);
        assertThat(job.segments().get(1).reply()).isEqualTo(Reply.PAGE_COMPLETION);
        byte[] first = job.segments().get(1).bytes();
        byte[] second = job.segments().get(2).bytes();
        byte[] last = job.segments().get(3).bytes();
        assertThat(first[first.length - 1]).isEqualTo((byte) 0x0C);
        assertThat(second[second.length - 1]).isEqualTo((byte) 0x0C);
        assertThat(last[last.length - 1]).isEqualTo((byte) 0x1A);
        assertThat(first[19]).isEqualTo((byte) 0);
        assertThat(second[19]).isEqualTo((byte) 1);
    }

    @Test
    void blackRedRollsUseTwoColourModeAndPairedLines() {
        Bitmap black = TestBitmaps.pattern(696, 400, 1);
        Bitmap red = new Bitmap(696, 400);
        red.fill(100, 100, 50, 50);
        byte[] page = BrotherEncoder.encode(BrotherJob.of(PrinterModel.QL_800, BrotherLabel.E62_RED,
                List.of(new BrotherPage(black, red))))
                .segments().get(1).bytes();
        // QL-800: ESC i K 09 (cut at end + two colour), no M (no compression), lines 77 01 5A .. 77 02 5A ..
        assertThat(hex(page, 0, 200)).contains("1B 69 4B 09").doesNotContain("4D 02");
        int firstLine = hex(page, 0, page.length).indexOf("77 01 5A") / 3;
        assertThat(hex(page, firstLine + 93, firstLine + 96)).isEqualTo("77 02 5A");
    }

    @Test
    void rowsAreMirroredOntoThePinsAfterTheRightOffset() {
        Bitmap page = new Bitmap(696, 1109);
        page.set(695, 0, true); // rightmost printable column -> first printable pin (12)
        page.set(0, 0, true);   // leftmost -> pin 12 + 695 = 707
        byte[] line = new byte[90];
        BrotherEncoder.mirrorRow(page, 0, new byte[page.stride()], line, 12);
        assertThat(line[12 >> 3] & 0xFF).isEqualTo(0x80 >>> (12 & 7));
        assertThat(line[707 >> 3] & 0xFF).isEqualTo(0x80 >>> (707 & 7));
    }

    @Test
    void wideModelsAdd44PinsToTheOffset() {
        Bitmap page = new Bitmap(1164, 1660);
        for (int y = 0; y < 1660; y++) page.set(1163, y, true);
        EncodedJob job = BrotherEncoder.encode(new BrotherJob(PrinterModel.QL_1100, BrotherLabel.D102x152,
                List.of(BrotherPage.of(page)), true, 1, true, false));
        byte[] bytes = job.segments().get(1).bytes();
        int lineStart = hex(bytes, 0, bytes.length).indexOf("67 00 A2") / 3 + 3;
        // pin 12 + 44 = 56: byte 7, bit 0x80
        assertThat(bytes[lineStart + 7] & 0xFF).isEqualTo(0x80);
    }

    @Test
    void aPageOfTheWrongWidthIsRejectedWithItsSize() {
        assertThatThrownBy(() -> BrotherEncoder.encode(BrotherJob.of(PrinterModel.QL_820NWB, BrotherLabel.D62x100,
                List.of(BrotherPage.of(new Bitmap(700, 1109)))))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("700 dots wide").hasMessageContaining("696");
    }

    @Test
    void aDieCutPageOfTheWrongLengthIsRejected() {
        assertThatThrownBy(() -> BrotherEncoder.encode(BrotherJob.of(PrinterModel.QL_820NWB, BrotherLabel.D62x100,
                List.of(BrotherPage.of(new Bitmap(696, 1200)))))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1200 lines").hasMessageContaining("1109");
    }

    @Test
    void redInkOnASingleColourRollIsRejected() {
        Bitmap b = new Bitmap(696, 1109);
        assertThatThrownBy(() -> BrotherEncoder.encode(BrotherJob.of(PrinterModel.QL_820NWB, BrotherLabel.D62x100,
                List.of(new BrotherPage(b, b))))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a black/red roll");
    }

    @Test
    void wideStockOnANarrowHeadIsRejected() {
        assertThatThrownBy(() -> BrotherJob.of(PrinterModel.QL_800, BrotherLabel.D102x152,
                List.of(BrotherPage.of(new Bitmap(1164, 1660)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only the QL-1100");
    }

    @Test
    void blackRedRollOnAQl700IsRejected() {
        assertThatThrownBy(() -> BrotherJob.of(PrinterModel.QL_700, BrotherLabel.E62_RED,
                List.of(BrotherPage.of(new Bitmap(696, 300)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot print two colours");
    }

    @Test
    void endlessPagesShorterThanTheModelMinimumAreRejected() {
        assertThatThrownBy(() -> BrotherEncoder.encode(BrotherJob.of(PrinterModel.QL_820NWB, BrotherLabel.E62,
                List.of(BrotherPage.of(new Bitmap(696, 100))))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("150..11811");
    }
}
