package dev.lanyard.print.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.print.TestBitmaps;
import dev.lanyard.print.brother.BrotherEncoder;
import dev.lanyard.print.brother.BrotherJob;
import dev.lanyard.print.brother.BrotherPage;
import dev.lanyard.print.brother.BrotherStatus;
import dev.lanyard.print.brother.BrotherStatusType;
import dev.lanyard.print.dymo.Dymo400Encoder;
import dev.lanyard.print.dymo.Dymo550Encoder;
import dev.lanyard.print.dymo.DymoJob;
import dev.lanyard.print.media.BrotherLabel;
import dev.lanyard.print.media.DymoLabel;
import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.raster.Bitmap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Encode, feed the bytes to the strict simulator, and get back exactly the bitmaps that went in. */
class SimulatorRoundTripTest {
    static Stream<Arguments> brotherCombinations() {
        return Stream.of(
                Arguments.of(PrinterModel.QL_700, BrotherLabel.D29x90),
                Arguments.of(PrinterModel.QL_700, BrotherLabel.E62),
                Arguments.of(PrinterModel.QL_800, BrotherLabel.D62x100),
                Arguments.of(PrinterModel.QL_810W, BrotherLabel.D62x29),
                Arguments.of(PrinterModel.QL_820NWB, BrotherLabel.D62x100),
                Arguments.of(PrinterModel.QL_820NWB, BrotherLabel.E29),
                Arguments.of(PrinterModel.QL_1100, BrotherLabel.D102x152),
                Arguments.of(PrinterModel.QL_1100, BrotherLabel.E102),
                Arguments.of(PrinterModel.QL_1100, BrotherLabel.D62x100));
    }

    @ParameterizedTest
    @MethodSource("brotherCombinations")
    void brotherPagesComeBackBitmapEqual(PrinterModel model, BrotherLabel media) {
        int lines = media.printableLengthDots() > 0 ? media.printableLengthDots() : 800;
        List<Bitmap> sent = List.of(TestBitmaps.pattern(media.printableWidthDots(), lines, 1),
                TestBitmaps.pattern(media.printableWidthDots(), lines, 2));
        List<BrotherPage> pages = sent.stream().map(BrotherPage::of).toList();
        byte[] bytes = BrotherEncoder.encode(BrotherJob.of(model, media, pages)).bytes();

        PrinterSimulator.Decoded decoded = PrinterSimulator.decode(model, media, bytes);

        assertThat(decoded.violations()).isEmpty();
        assertThat(decoded.pages()).extracting(DecodedPage::black).containsExactlyElementsOf(sent);
    }

    @Test
    void brotherTwoColourPagesComeBackWithBothLayers() {
        Bitmap black = TestBitmaps.pattern(696, 500, 5);
        Bitmap red = new Bitmap(696, 500);
        red.fill(10, 10, 300, 40);
        black.clearWhere(red);
        byte[] bytes = BrotherEncoder.encode(BrotherJob.of(PrinterModel.QL_820NWB, BrotherLabel.E62_RED,
                List.of(new BrotherPage(black, red)))).bytes();
        PrinterSimulator.Decoded decoded = PrinterSimulator.decode(PrinterModel.QL_820NWB, BrotherLabel.E62_RED, bytes);
        assertThat(decoded.violations()).isEmpty();
        assertThat(decoded.pages()).singleElement().satisfies(p -> {
            assertThat(p.black()).isEqualTo(black);
            assertThat(p.red()).isEqualTo(red);
        });
    }

    @Test
    void brotherAnswersTheStatusRequestThenReportsEachPagePrinted() {
        byte[] bytes = BrotherEncoder.encode(BrotherJob.of(PrinterModel.QL_810W, BrotherLabel.D62x29,
                List.of(BrotherPage.of(new Bitmap(696, 271)), BrotherPage.of(new Bitmap(696, 271))))).bytes();
        byte[] replies = PrinterSimulator.decode(PrinterModel.QL_810W, BrotherLabel.D62x29, bytes).replies();
        List<BrotherStatusType> types = new ArrayList<>();
        for (int i = 0; i < replies.length; i += 32) {
            types.add(BrotherStatus.parse(Arrays.copyOfRange(replies, i, i + 32)).type());
        }
        assertThat(types).containsExactly(BrotherStatusType.REPLY,
                BrotherStatusType.PHASE_CHANGE, BrotherStatusType.PRINTING_COMPLETED, BrotherStatusType.PHASE_CHANGE,
                BrotherStatusType.PHASE_CHANGE, BrotherStatusType.PRINTING_COMPLETED, BrotherStatusType.PHASE_CHANGE);
    }

    static Stream<Arguments> dymoCombinations() {
        return Stream.of(
                Arguments.of(PrinterModel.LW_450, DymoLabel.S99014),
                Arguments.of(PrinterModel.LW_450T, DymoLabel.S30252),
                Arguments.of(PrinterModel.LW_4XL, DymoLabel.S30256),
                Arguments.of(PrinterModel.LW_450, DymoLabel.S99012),
                Arguments.of(PrinterModel.LW_550, DymoLabel.S99014),
                Arguments.of(PrinterModel.LW_5XL, DymoLabel.S30256));
    }

    @ParameterizedTest
    @MethodSource("dymoCombinations")
    void dymoPagesComeBackBitmapEqual(PrinterModel model, DymoLabel media) {
        List<Bitmap> sent = List.of(TestBitmaps.pattern(media.printableWidthDots(), media.printableLengthDots(), 7),
                TestBitmaps.pattern(media.printableWidthDots(), media.printableLengthDots(), 8));
        DymoJob job = DymoJob.of(model, media, sent);
        byte[] bytes = (model == PrinterModel.LW_550 || model == PrinterModel.LW_5XL ? Dymo550Encoder.encode(job)
                : Dymo400Encoder.encode(job)).bytes();

        PrinterSimulator.Decoded decoded = PrinterSimulator.decode(model, media, bytes);

        assertThat(decoded.violations()).isEmpty();
        assertThat(decoded.pages()).extracting(DecodedPage::black).containsExactlyElementsOf(sent);
    }

}
