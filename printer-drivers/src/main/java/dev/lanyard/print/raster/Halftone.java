package dev.lanyard.print.raster;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Grey to 1-bit. Text and codes are thresholded so edges stay crisp; photos and logos are
 * dithered (Floyd-Steinberg) so grey areas keep their tone on a printer that only has black.
 */
public final class Halftone {
    public static final int DEFAULT_THRESHOLD = 128;

    private Halftone() {
    }

    /** Pixels darker than {@code threshold} (0..255) become ink. */
    public static Bitmap threshold(BufferedImage grey, int threshold) {
        if (threshold < 1 || threshold > 255) {
            throw new IllegalArgumentException("threshold must be 1..255, was " + threshold);
        }
        BufferedImage g = asGrey(grey);
        byte[] pixels = ((DataBufferByte) g.getRaster().getDataBuffer()).getData();
        int w = g.getWidth();
        int h = g.getHeight();
        Bitmap out = new Bitmap(w, h);
        byte[] row = new byte[out.stride()];
        for (int y = 0; y < h; y++) {
            java.util.Arrays.fill(row, (byte) 0);
            int base = y * w;
            for (int x = 0; x < w; x++) {
                if ((pixels[base + x] & 0xFF) < threshold) {
                    row[x >> 3] |= (byte) (0x80 >>> (x & 7));
                }
            }
            out.setRow(y, row, 0);
        }
        return out;
    }

    /** Floyd-Steinberg error diffusion; fully transparent pixels count as white. */
    public static Bitmap dither(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] lum = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y);
                int a = argb >>> 24;
                float l = 0.299f * ((argb >> 16) & 0xFF) + 0.587f * ((argb >> 8) & 0xFF) + 0.114f * (argb & 0xFF);
                lum[y * w + x] = 255f - (255f - l) * a / 255f;
            }
        }
        Bitmap out = new Bitmap(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float old = lum[i];
                float chosen = old < 128f ? 0f : 255f;
                if (chosen == 0f) {
                    out.set(x, y, true);
                }
                float err = old - chosen;
                if (x + 1 < w) lum[i + 1] += err * 7 / 16;
                if (y + 1 < h) {
                    if (x > 0) lum[i + w - 1] += err * 3 / 16;
                    lum[i + w] += err * 5 / 16;
                    if (x + 1 < w) lum[i + w + 1] += err / 16;
                }
            }
        }
        return out;
    }

    private static BufferedImage asGrey(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            return image;
        }
        BufferedImage grey = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        grey.getGraphics().drawImage(image, 0, 0, null);
        return grey;
    }
}
