package dev.lanyard.server.cli;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.Map;

/** Reads a {@link TerminalQr} half-block drawing back into pixels and decodes it. */
final class TerminalDrawing {
    private static final int PIXELS_PER_MODULE = 4;

    private TerminalDrawing() {
    }

    /**
     * The drawing is an upright, undistorted code, so it is decoded as a pure barcode: zxing's general detector
     * misses about one valid code in a hundred at some scales (the same code read at 2 and 3 pixels per module, not
     * at 1, 4, 5 or 8), which says nothing about the drawing.
     */
    static String read(String drawing) throws Exception {
        String[] lines = drawing.strip().split("\n");
        int w = lines[0].length() * PIXELS_PER_MODULE;
        int h = lines.length * 2 * PIXELS_PER_MODULE;
        int[] pixels = new int[w * h];
        for (int row = 0; row < lines.length; row++) {
            for (int x = 0; x < lines[row].length(); x++) {
                char c = lines[row].charAt(x);
                paint(pixels, w, x, row * 2, c == '█' || c == '▀');
                paint(pixels, w, x, row * 2 + 1, c == '█' || c == '▄');
            }
        }
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, true)).getText();
    }

    private static void paint(int[] pixels, int w, int x, int y, boolean light) {
        for (int dy = 0; dy < PIXELS_PER_MODULE; dy++) {
            for (int dx = 0; dx < PIXELS_PER_MODULE; dx++) {
                pixels[(y * PIXELS_PER_MODULE + dy) * w + x * PIXELS_PER_MODULE + dx] = light ? 0xFFFFFFFF : 0xFF000000;
            }
        }
    }
}
