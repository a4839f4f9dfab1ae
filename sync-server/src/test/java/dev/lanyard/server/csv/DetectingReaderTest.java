package dev.lanyard.server.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The streaming decoder of uploads: the same choice CsvText made on a whole file, made at the first non-ASCII byte. */
class DetectingReaderTest {
    private static final Charset CP949 = Charset.forName("x-windows-949");

    private static String read(byte[] bytes) throws IOException {
        return read(new ByteArrayInputStream(bytes));
    }

    private static String read(InputStream in) throws IOException {
        try (Reader r = new DetectingReader(in)) {
            StringWriter out = new StringWriter();
            r.transferTo(out);
            return out.toString();
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void aByteOrderMarkMeansUtf8AndIsDropped() throws IOException {
        assertThat(read(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "이름,email\n홍길동,a@b.c\n".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("이름,email\n홍길동,a@b.c\n");
    }

    @Test
    void koreanExcelsCp949IsRecognised() throws IOException {
        assertThat(read("이름,이메일\n김철수,kim@example.org\n".getBytes(CP949))).isEqualTo("이름,이메일\n김철수,kim@example.org\n");
    }

    @Test
    void theChoiceWaitsForTheFirstNonAsciiByteHoweverLateItComes() throws IOException {
        // 200 KB of ASCII rows, then a Korean name: the encoding is chosen there, not from the file's head
        String head = "name,email\n" + "Kim,kim@example.org\n".repeat(10_000);
        assertThat(read(concat(head.getBytes(StandardCharsets.US_ASCII), "한빛\n".getBytes(CP949))))
                .isEqualTo(head + "한빛\n");
        assertThat(read(concat(head.getBytes(StandardCharsets.US_ASCII), "한빛\n".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(head + "한빛\n");
    }

    @Test
    void aCharacterSplitAcrossReadsOfASlowStreamIsKeptWhole() throws IOException {
        byte[] bytes = ("name\n" + "가나다라마바사\n".repeat(5_000)).getBytes(StandardCharsets.UTF_8);
        // one to seven bytes per read, as a slow network hands them over
        InputStream trickle = new ByteArrayInputStream(bytes) {
            private int turn;

            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + turn++ % 7));
            }
        };
        assertThat(read(trickle)).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void aFileThatIsNeitherIsRefused() {
        byte[] latin1 = "name\nJos\u00e9 \u00c9lo\u00efse \u00ff\u00fe\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> read(latin1)).isInstanceOf(CharacterCodingException.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void aUtf8FileThatBreaksPastTheWindowFailsThere() {
        byte[] utf8 = ("name\n" + "홍길동\n".repeat(20_000)).getBytes(StandardCharsets.UTF_8);
        byte[] broken = concat(utf8, new byte[] {(byte) 0xC3, (byte) 0x28, '\n'});
        assertThat(utf8.length).isGreaterThan(DetectingReader.WINDOW);
        assertThatThrownBy(() -> read(broken)).isInstanceOf(CharacterCodingException.class);
    }
}
