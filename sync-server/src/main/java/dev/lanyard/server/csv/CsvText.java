package dev.lanyard.server.csv;

import dev.lanyard.server.http.ApiException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes an uploaded CSV file: UTF-8 with or without a byte-order mark, or, when the bytes are
 * not UTF-8, CP949 (the superset of EUC-KR that Korean Excel writes). Strict decoding on both
 * paths: a file that is neither is refused instead of being imported as mojibake.
 */
public final class CsvText {
    private CsvText() {
    }

    public record Decoded(String text, String charset) {
    }

    public static Decoded decode(byte[] bytes) {
        int offset = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        try {
            return new Decoded(strict(StandardCharsets.UTF_8).decode(buffer).toString(), "UTF-8");
        } catch (CharacterCodingException notUtf8) {
            if (offset == 3) {
                throw new ApiException(400, "invalid_encoding", "file starts with a UTF-8 byte-order mark but is not valid UTF-8");
            }
        }
        for (String name : new String[] {"x-windows-949", "EUC-KR"}) {
            if (!Charset.isSupported(name)) {
                continue;
            }
            try {
                return new Decoded(strict(Charset.forName(name)).decode(ByteBuffer.wrap(bytes)).toString(), name.equals("EUC-KR") ? name : "CP949");
            } catch (CharacterCodingException ignored) {
                // try the next candidate
            }
        }
        throw new ApiException(400, "invalid_encoding", "file is neither UTF-8 nor CP949/EUC-KR; save it as CSV UTF-8");
    }

    private static java.nio.charset.CharsetDecoder strict(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** A cell a spreadsheet would run as a formula gets a leading apostrophe, so it shows as text. */
    public static String neutralize(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell == null ? "" : cell;
        }
        char first = cell.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' || first == '|') {
            return "'" + cell;
        }
        return cell;
    }
}
