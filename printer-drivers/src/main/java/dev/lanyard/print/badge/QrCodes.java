package dev.lanyard.print.badge;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import dev.lanyard.print.raster.Bitmap;
import java.util.Map;

/**
 * Ticket QR codes drawn straight into the 1-bit badge with whole-dot modules, so no module is
 * smeared by scaling. The 4-module quiet zone the QR standard asks for is part of the square.
 */
public final class QrCodes {
    public static final int QUIET_ZONE_MODULES = 4;
    /** Below 3 dots (0.25 mm) a module is too small for phone and handheld scanners to read off thermal paper. */
    public static final int MIN_MODULE_DOTS = 3;

    private QrCodes() {
    }

    /** The QR matrix including the quiet zone, one entry per module. */
    public static BitMatrix matrix(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.MARGIN, QUIET_ZONE_MODULES,
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalArgumentException("ticket code cannot be encoded as a QR code: " + e.getMessage(), e);
        }
    }

    /**
     * Draws the code centred in the square at ({@code x},{@code y}) of {@code sizeDots}; throws
     * IllegalArgumentException when the square is too small for readable modules.
     */
    public static void draw(Bitmap target, String text, int x, int y, int sizeDots) {
        BitMatrix matrix = matrix(text);
        int modules = matrix.getWidth();
        int module = sizeDots / modules;
        if (module < MIN_MODULE_DOTS) {
            throw new IllegalArgumentException("QR slot of " + sizeDots + " dots is too small for ticket code \"" + text
                    + "\": it needs " + modules * MIN_MODULE_DOTS + " dots (" + modules + " modules of "
                    + MIN_MODULE_DOTS + " dots)");
        }
        int offset = (sizeDots - modules * module) / 2;
        for (int my = 0; my < modules; my++) {
            for (int mx = 0; mx < modules; mx++) {
                if (matrix.get(mx, my)) {
                    target.fill(x + offset + mx * module, y + offset + my * module, module, module);
                }
            }
        }
    }
}
