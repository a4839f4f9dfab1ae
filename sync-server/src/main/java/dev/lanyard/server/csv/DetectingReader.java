package dev.lanyard.server.csv;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes an uploaded CSV stream as {@link CsvText} decodes a whole file (UTF-8 with or without a
 * byte-order mark, else CP949, strictly), without holding the file: both encodings agree on
 * ASCII, so ASCII bytes pass through until the first other byte, and the encoding is chosen from
 * a window of {@link #WINDOW} bytes there. A file that changes encoding after the window fails
 * there with a {@link CharacterCodingException}: the rows before it are already imported, as
 * with any file that breaks part-way.
 */
final class DetectingReader extends Reader {
    /** Enough text after the first non-ASCII byte to tell UTF-8 from CP949 (a few hundred Korean names). */
    static final int WINDOW = 64 * 1024;
    private static final String CP949 = Charset.isSupported("x-windows-949") ? "x-windows-949" : "EUC-KR";
    private final BufferedInputStream in;
    private final byte[] scratch = new byte[8192];
    private Reader decided;
    private String charset;

    DetectingReader(InputStream raw) throws IOException {
        this.in = new BufferedInputStream(raw, WINDOW + 16);
        in.mark(3);
        byte[] bom = in.readNBytes(3);
        if (bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF) {
            decide(StandardCharsets.UTF_8);
        } else {
            in.reset();
        }
    }

    /** The encoding chosen, or null while everything read was ASCII. */
    String charset() {
        return charset;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (decided != null) {
            return decided.read(buf, off, len);
        }
        if (len == 0) {
            return 0;
        }
        in.mark(scratch.length);
        int got = in.read(scratch, 0, Math.min(len, scratch.length));
        if (got < 0) {
            return -1;
        }
        int ascii = 0;
        while (ascii < got && scratch[ascii] >= 0) {
            buf[off + ascii] = (char) scratch[ascii];
            ascii++;
        }
        if (ascii == got) {
            return got;
        }
        // give the rest back: the first non-ASCII byte decides the encoding
        in.reset();
        for (long skipped = 0; skipped < ascii; ) {
            skipped += in.skip(ascii - skipped);
        }
        if (ascii > 0) {
            return ascii;
        }
        choose();
        return decided.read(buf, off, len);
    }

    private void choose() throws IOException {
        in.mark(WINDOW + 1);
        byte[] window = in.readNBytes(WINDOW);
        boolean complete = in.read() < 0;
        in.reset();
        if (decodes(StandardCharsets.UTF_8, window, complete)) {
            decide(StandardCharsets.UTF_8);
        } else if (decodes(Charset.forName(CP949), window, complete)) {
            decide(Charset.forName(CP949));
        } else {
            throw new CharacterCodingException() {
                private static final long serialVersionUID = 1L;

                @Override
                public String getMessage() {
                    return "file is neither UTF-8 nor CP949/EUC-KR; save it as CSV UTF-8";
                }
            };
        }
    }

    /**
     * True when the window decodes; a character cut off by the window's end counts as fine unless the file ends there.
     */
    private static boolean decodes(Charset charset, byte[] window, boolean complete) {
        CharsetDecoder decoder = strict(charset);
        CharBuffer out = CharBuffer.allocate(window.length + 1);
        CoderResult result = decoder.decode(ByteBuffer.wrap(window), out, complete);
        if (result.isError()) {
            return false;
        }
        return !complete || !decoder.flush(out).isError();
    }

    private void decide(Charset chosen) {
        charset = chosen.equals(StandardCharsets.UTF_8) ? "UTF-8" : "CP949";
        decided = new InputStreamReader(in, strict(chosen));
    }

    private static CharsetDecoder strict(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
