package dev.lanyard.print.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.print.TestBitmaps;
import dev.lanyard.print.brother.BrotherEncoder;
import dev.lanyard.print.brother.BrotherJob;
import dev.lanyard.print.brother.BrotherPage;
import dev.lanyard.print.dymo.Dymo400Encoder;
import dev.lanyard.print.dymo.Dymo550Encoder;
import dev.lanyard.print.dymo.DymoDensity;
import dev.lanyard.print.dymo.DymoJob;
import dev.lanyard.print.media.BrotherLabel;
import dev.lanyard.print.media.DymoLabel;
import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.raster.Bitmap;
import dev.lanyard.print.sim.PrinterSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Byte-for-byte golden streams, one per encoder and a few media, from deterministic test images
 * (no fonts, so they do not shift with the JDK's rasteriser). How each header byte was checked
 * against the reference tables is in src/test/resources/golden/README.md. To regenerate after a
 * deliberate change: {@code mvn -pl printer-drivers test -Dtest=GoldenStreamTest -Dgolden.update=true},
 * then review the diff of the README's hex dumps.
 */
class GoldenStreamTest {
    record Golden(String file, PrinterModel model, dev.lanyard.print.media.Media media, Supplier<byte[]> bytes) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Bitmap page(int w, int h, long seed) {
        return TestBitmaps.pattern(w, h, seed);
    }

    static Stream<Arguments> goldens() {
        return Stream.of(
                new Golden("ql820nwb-62x100.bin", PrinterModel.QL_820NWB, BrotherLabel.D62x100,
                        () -> BrotherEncoder.encode(
                        BrotherJob.of(PrinterModel.QL_820NWB, BrotherLabel.D62x100,
                        List.of(BrotherPage.of(page(696, 1109, 1))))).bytes()),
                new Golden("ql700-29x90.bin", PrinterModel.QL_700, BrotherLabel.D29x90, () -> BrotherEncoder.encode(
                        BrotherJob.of(PrinterModel.QL_700, BrotherLabel.D29x90,
                        List.of(BrotherPage.of(page(306, 991, 2))))).bytes()),
                new Golden("ql800-62red.bin", PrinterModel.QL_800, BrotherLabel.E62_RED, () -> {
                    Bitmap black = page(696, 400, 3);
                    Bitmap red = new Bitmap(696, 400);
                    red.fill(0, 0, 696, 30);
                    black.clearWhere(red);
                    return BrotherEncoder.encode(BrotherJob.of(PrinterModel.QL_800, BrotherLabel.E62_RED,
                            List.of(new BrotherPage(black, red)))).bytes();
                }),
                new Golden("ql1100-102x152.bin", PrinterModel.QL_1100, BrotherLabel.D102x152,
                        () -> BrotherEncoder.encode(
                        BrotherJob.of(PrinterModel.QL_1100, BrotherLabel.D102x152,
                        List.of(BrotherPage.of(page(1164, 1660, 4))))).bytes()),
                new Golden("ql810w-62-two-pages.bin", PrinterModel.QL_810W, BrotherLabel.E62,
                        () -> BrotherEncoder.encode(
                        BrotherJob.of(PrinterModel.QL_810W, BrotherLabel.E62,
                        List.of(BrotherPage.of(page(696, 500, 5)), BrotherPage.of(page(696, 500, 6))))).bytes()),
                new Golden("lw450-99014.bin", PrinterModel.LW_450, DymoLabel.S99014, () -> Dymo400Encoder.encode(
                        DymoJob.of(PrinterModel.LW_450, DymoLabel.S99014, List.of(page(608, 1109, 7)))).bytes()),
                new Golden("lw4xl-30256.bin", PrinterModel.LW_4XL, DymoLabel.S30256, () -> Dymo400Encoder.encode(
                        new DymoJob(PrinterModel.LW_4XL, DymoLabel.S30256, List.of(page(665, 1112, 8)),
                        DymoDensity.DARK, 1)).bytes()),
                new Golden("lw550-30252.bin", PrinterModel.LW_550, DymoLabel.S30252, () -> Dymo550Encoder.encode(
                        new DymoJob(PrinterModel.LW_550, DymoLabel.S30252, List.of(page(299, 963, 9)),
                        DymoDensity.NORMAL, 42)).bytes())
        ).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("goldens")
    void encoderOutputMatchesTheReviewedGoldenFile(Golden golden) throws IOException {
        byte[] actual = golden.bytes().get();
        if (Boolean.getBoolean("golden.update")) {
            Path dir = Path.of("src/test/resources/golden");
            Files.createDirectories(dir);
            Files.write(dir.resolve(golden.file()), actual);
        }
        byte[] expected;
        try (InputStream in = getClass().getResourceAsStream("/golden/" + golden.file())) {
            assertThat(in).as("golden file " + golden.file() + " (run with -Dgolden.update=true to create it)")
                    .isNotNull();
            expected = in.readAllBytes();
        }
        assertThat(actual).as(golden.file()).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("goldens")
    void theSimulatorAcceptsEveryGoldenFileWithoutComplaint(Golden golden) throws IOException {
        byte[] expected;
        try (InputStream in = getClass().getResourceAsStream("/golden/" + golden.file())) {
            assertThat(in).isNotNull();
            expected = in.readAllBytes();
        }
        PrinterSimulator.Decoded decoded = PrinterSimulator.decode(golden.model(), golden.media(), expected);
        assertThat(decoded.violations()).isEmpty();
        assertThat(decoded.pages()).isNotEmpty();
    }
}
