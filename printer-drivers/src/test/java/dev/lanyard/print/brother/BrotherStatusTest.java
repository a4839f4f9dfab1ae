package dev.lanyard.print.brother;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.print.media.BrotherLabel;
import dev.lanyard.print.model.PrinterModel;
import java.util.EnumSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BrotherStatusTest {
    /** A real-looking reply: QL-820NWB, 62 mm endless, no errors. */
    static byte[] reply() {
        byte[] b = new byte[32];
        b[0] = (byte) 0x80; b[1] = 0x20; b[2] = 0x42; b[3] = 0x34; b[4] = 0x41;
        b[10] = 62; b[11] = 0x0A; b[18] = 0x00;
        return b;
    }

    @ParameterizedTest
    @EnumSource(BrotherError.class)
    void eachErrorBitIsParsedOnItsOwn(BrotherError error) {
        byte[] b = reply();
        b[error.byteIndex()] = (byte) error.mask();
        BrotherStatus status = BrotherStatus.parse(b);
        assertThat(status.errors()).containsExactly(error);
        assertThat(status.problems()).containsExactly(error.message());
        assertThat(error.message().english()).isNotBlank();
        assertThat(error.message().korean()).isNotBlank();
    }

    @Test
    void allSixteenBitsTogether() {
        byte[] b = reply();
        b[8] = (byte) 0xFF;
        b[9] = (byte) 0xFF;
        assertThat(BrotherStatus.parse(b).errors()).isEqualTo(EnumSet.allOf(BrotherError.class));
    }

    @Test
    void parsesModelMediaAndType() {
        BrotherStatus status = BrotherStatus.parse(reply());
        assertThat(status.model()).contains(PrinterModel.QL_820NWB);
        assertThat(status.mediaWidthMm()).isEqualTo(62);
        assertThat(status.mediaType()).isEqualTo(BrotherMediaType.CONTINUOUS);
        assertThat(status.type()).isEqualTo(BrotherStatusType.REPLY);
        assertThat(status.hasErrors()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0x0B, 0x4B})
    void dieCutIsRecognisedInBothDocumentedCodes(int code) {
        byte[] b = reply();
        b[11] = (byte) code;
        assertThat(BrotherStatus.parse(b).mediaType()).isEqualTo(BrotherMediaType.DIE_CUT);
    }

    @Test
    void statusTypesAndPhases() {
        byte[] b = reply();
        b[18] = 0x01;
        b[19] = 0x01;
        BrotherStatus status = BrotherStatus.parse(b);
        assertThat(status.type()).isEqualTo(BrotherStatusType.PRINTING_COMPLETED);
        assertThat(status.phase()).isEqualTo(BrotherPhase.PRINTING);
        b[18] = 0x06;
        assertThat(BrotherStatus.parse(b).type()).isEqualTo(BrotherStatusType.PHASE_CHANGE);
        b[18] = 0x02;
        assertThat(BrotherStatus.parse(b).hasErrors()).isTrue();
    }

    @Test
    void roundTripsThroughItsWireForm() {
        BrotherStatus status = BrotherStatus.parse(reply()).withErrors(EnumSet.of(BrotherError.COVER_OPEN));
        assertThat(BrotherStatus.parse(status.toBytes())).isEqualTo(status);
    }

    @Test
    void wrongRollWidthIsExplainedInBothLanguages() {
        byte[] b = reply();
        b[10] = 29;
        var message = BrotherStatus.parse(b).mediaMismatch(BrotherLabel.D62x100).orElseThrow();
        assertThat(message.english()).isEqualTo("29 mm continuous roll loaded; this badge needs 62 x 100 mm labels");
        assertThat(message.korean()).isEqualTo("29 mm 연속 롤이 들어 있습니다. 이 배지에는 62 x 100 mm 라벨이 필요합니다");
    }

    @Test
    void endlessTapeWhereDieCutLabelsAreNeededIsAMismatch() {
        var message = BrotherStatus.parse(reply()).mediaMismatch(BrotherLabel.D62x100).orElseThrow();
        assertThat(message.english()).isEqualTo("62 mm continuous roll loaded; this badge needs 62 x 100 mm labels");
        assertThat(message.korean()).isEqualTo("62 mm 연속 롤이 들어 있습니다. 이 배지에는 62 x 100 mm 라벨이 필요합니다");
    }

    @Test
    void matchingRollIsNoMismatch() {
        assertThat(BrotherStatus.parse(reply()).mediaMismatch(BrotherLabel.E62)).isEmpty();
    }

    @Test
    void aReplyThatIsNotABrotherStatusIsRejected() {
        assertThatThrownBy(() -> BrotherStatus.parse(new byte[32])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Brother status");
        assertThatThrownBy(() -> BrotherStatus.parse(new byte[5])).hasMessageContaining("32 bytes");
    }

    @Test
    void explanationNamesModelMediaAndErrors() {
        byte[] b = reply();
        b[9] = 0x10;
        String text = BrotherStatus.parse(b).explain();
        assertThat(text).contains("QL-820NWB").contains("62 mm endless").contains("Cover open").contains("덮개가 열려");
    }
}
