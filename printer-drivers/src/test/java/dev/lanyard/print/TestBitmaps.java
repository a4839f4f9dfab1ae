package dev.lanyard.print;

import dev.lanyard.print.raster.Bitmap;
import java.util.Random;

/** Deterministic test images: a frame, a diagonal, and seeded blocks, so every pin and row matters. */
public final class TestBitmaps {
    private TestBitmaps() {
    }

    public static Bitmap pattern(int width, int height, long seed) {
        Bitmap b = new Bitmap(width, height);
        b.fill(0, 0, width, 2);
        b.fill(0, height - 2, width, 2);
        b.fill(0, 0, 2, height);
        b.fill(width - 1, 0, 1, height);
        for (int y = 0; y < height; y++) {
            b.set((int) ((long) y * (width - 1) / Math.max(1, height - 1)), y, true);
        }
        Random random = new Random(seed);
        for (int i = 0; i < 40; i++) {
            b.fill(random.nextInt(width), random.nextInt(height), 1 + random.nextInt(40), 1 + random.nextInt(12));
        }
        // a gap of blank rows, so blank-line handling is exercised
        int gapStart = height / 3;
        for (int y = gapStart; y < Math.min(height - 3, gapStart + 300); y++) {
            for (int x = 0; x < width; x++) {
                b.set(x, y, false);
            }
        }
        return b;
    }
}
