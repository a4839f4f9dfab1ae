package dev.lanyard.server.cli;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/** A QR code drawn with Unicode half blocks, two modules per character cell, dark on a light terminal or inverted. */
public final class TerminalQr {
    /**
     * The four modules the QR specification asks for: on a dark terminal nothing outside the drawing is light, and
     * with two some pairing payloads did not read back (TerminalQrTest).
     */
    private static final int QUIET_ZONE_MODULES = 4;

    private TerminalQr() {
    }

    public static BitMatrix matrix(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.MARGIN, QUIET_ZONE_MODULES, EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode as QR: " + e.getMessage(), e);
        }
    }

    /** Light modules are drawn as blocks, so the code reads on the usual dark terminal background. */
    public static String render(String text) {
        BitMatrix m = matrix(text);
        StringBuilder out = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y += 2) {
            for (int x = 0; x < m.getWidth(); x++) {
                boolean top = !m.get(x, y);
                // an odd height leaves the last cell's lower half outside the code: it belongs to the quiet zone
                boolean bottom = y + 1 >= m.getHeight() || !m.get(x, y + 1);
                out.append(top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ');
            }
            out.append('\n');
        }
        return out.toString();
    }
}
