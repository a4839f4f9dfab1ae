package dev.lanyard.print.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.print.brother.BrotherEncoder;
import dev.lanyard.print.brother.BrotherError;
import dev.lanyard.print.brother.BrotherJob;
import dev.lanyard.print.brother.BrotherPage;
import dev.lanyard.print.brother.BrotherStatus;
import dev.lanyard.print.brother.BrotherStatusType;
import dev.lanyard.print.dymo.Dymo400Encoder;
import dev.lanyard.print.dymo.DymoJob;
import dev.lanyard.print.dymo.DymoStatus;
import dev.lanyard.print.media.BrotherLabel;
import dev.lanyard.print.media.DymoLabel;
import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.raster.Bitmap;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator rejects what a real printer would, with the error status a real printer sends. */
class SimulatorStrictnessTest {
    private static byte[] job62x100(PrinterModel model) {
        return BrotherEncoder.encode(BrotherJob.of(model, BrotherLabel.D62x100,
                List.of(BrotherPage.of(new Bitmap(696, 1109))))).bytes();
    }

    private static BrotherStatus lastStatus(byte[] replies) {
        return BrotherStatus.parse(Arrays.copyOfRange(replies, replies.length - 32, replies.length));
    }

    @Test
    void mediaMismatchGetsReplaceMedia() {
        var decoded = PrinterSimulator.decode(PrinterModel.QL_820NWB, BrotherLabel.D29x90,
                job62x100(PrinterModel.QL_820NWB));
        assertThat(decoded.pages()).isEmpty();
        assertThat(decoded.violations()).singleElement().asString().contains("62 mm").contains("29 mm");
        BrotherStatus status = lastStatus(decoded.replies());
        assertThat(status.type()).isEqualTo(BrotherStatusType.ERROR);
        assertThat(status.errors()).contains(BrotherError.REPLACE_MEDIA);
    }

    @Test
    void rasterWithoutInitialiseIsRejected() {
        byte[] full = job62x100(PrinterModel.QL_820NWB);
        byte[] withoutPreamble = Arrays.copyOfRange(full, 405, full.length);
        var decoded = PrinterSimulator.decode(PrinterModel.QL_820NWB, BrotherLabel.D62x100, withoutPreamble);
        assertThat(decoded.pages()).isEmpty();
        assertThat(decoded.violations()).first().asString().contains("before ESC @");
        assertThat(lastStatus(decoded.replies()).errors()).contains(BrotherError.COMMUNICATION_ERROR);
    }

    @Test
    void aLineOfTheWrongLengthIsRejected() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HexFormat.of().parseHex("1B40" + "1B697A8E0B3E64010000000000" + "1B694B08" + "6700" + "59"));
        out.writeBytes(new byte[89]);
        var decoded = PrinterSimulator.decode(PrinterModel.QL_700, BrotherLabel.D62x100, out.toByteArray());
        assertThat(decoded.violations()).singleElement().asString().contains("89 bytes").contains("exactly 90");
    }

    @Test
    void linesBeyondThoseAnnouncedAreRefusedAsTheyCome() {
        // ESC i z announces one line; a client that never ends the page must not fill the simulator's memory
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HexFormat.of().parseHex("1B40" + "1B697A8E0B3E64010000000000" + "1B694B08"));
        for (int i = 0; i < 3; i++) {
            out.writeBytes(HexFormat.of().parseHex("6700" + "5A"));
            out.writeBytes(new byte[90]);
        }
        var decoded = PrinterSimulator.decode(PrinterModel.QL_700, BrotherLabel.D62x100, out.toByteArray());
        assertThat(decoded.violations()).singleElement().asString().contains("more raster lines than the 1");
    }

    @Test
    void modeSwitchIsUnknownToAQl700() {
        var decoded = PrinterSimulator.decode(PrinterModel.QL_700, BrotherLabel.D62x100,
                job62x100(PrinterModel.QL_820NWB));
        assertThat(decoded.violations()).first().asString().contains("ESC i a");
    }

    @Test
    void compressionIsUnknownToAQl800() {
        var decoded = PrinterSimulator.decode(PrinterModel.QL_800, BrotherLabel.D62x100,
                job62x100(PrinterModel.QL_810W));
        assertThat(decoded.violations()).first().asString().contains("does not support compression");
    }

    @Test
    void aLineCountDifferentFromThePrintInformationIsRejected() {
        byte[] bytes = BrotherEncoder.encode(BrotherJob.of(PrinterModel.QL_700, BrotherLabel.E62,
                List.of(BrotherPage.of(new Bitmap(696, 300))))).bytes();
        // announce 301 lines instead of 300 (byte n5 of ESC i z)
        bytes[200 + 5 + 7] = (byte) 0x2D;
        var decoded = PrinterSimulator.decode(PrinterModel.QL_700, BrotherLabel.E62, bytes);
        assertThat(decoded.violations()).singleElement().asString().contains("300 lines").contains("301");
    }

    @Test
    void blackRedRollWithoutTwoColourModeIsRejected() {
        byte[] bytes = BrotherEncoder.encode(BrotherJob.of(PrinterModel.QL_820NWB, BrotherLabel.E62,
                List.of(BrotherPage.of(new Bitmap(696, 300))))).bytes();
        var decoded = PrinterSimulator.decode(PrinterModel.QL_820NWB, BrotherLabel.E62_RED, bytes);
        assertThat(decoded.violations()).singleElement().asString().contains("two-colour mode not set");
    }

    @Test
    void dymoLinesBeforeResetAreRejectedWithTheErrorBit() {
        byte[] full = Dymo400Encoder.encode(DymoJob.of(PrinterModel.LW_450, DymoLabel.S30252,
                List.of(dev.lanyard.print.TestBitmaps.pattern(299, 963, 1)))).bytes();
        byte[] noReset = Arrays.copyOfRange(full, 104, full.length);
        var decoded = PrinterSimulator.decode(PrinterModel.LW_450, DymoLabel.S30252, noReset);
        assertThat(decoded.pages()).isEmpty();
        assertThat(decoded.violations()).first().asString().contains("before ESC @");
        assertThat(DymoStatus.parse(new byte[] {decoded.replies()[decoded.replies().length - 1]}).error()).isTrue();
    }

    @Test
    void dymoBytesPerLineBeyondTheHeadIsRejected() {
        byte[] bytes = HexFormat.of().parseHex("1B40" + "1B4C0010" + "1B4455");
        var decoded = PrinterSimulator.decode(PrinterModel.LW_450, DymoLabel.S30252, bytes);
        assertThat(decoded.violations()).singleElement().asString().contains("bytes per line 85");
    }

    @Test
    void lw550RejectsTheResetCommand() {
        var decoded = PrinterSimulator.decode(PrinterModel.LW_550, DymoLabel.S30252, HexFormat.of().parseHex("1B40"));
        assertThat(decoded.violations()).singleElement().asString().contains("restarts");
    }

    /** A row count from the wire was multiplied in an int: 2^31 - 1 rows threw, and 2^22 rows took 350 MB. */
    @Test
    void lw550LabelHeaderOfMoreRowsThanAnyRollIsAViolationNotAnAllocation() {
        byte[] bytes = HexFormat.of().parseHex("1B4101" + "1B7301000000" + "1B44" + "0102" + "FFFFFF7F" + "A0020000");

        var decoded = PrinterSimulator.decode(PrinterModel.LW_550, DymoLabel.S30252, bytes);

        assertThat(decoded.violations()).singleElement().asString().contains("rows");
    }
}
