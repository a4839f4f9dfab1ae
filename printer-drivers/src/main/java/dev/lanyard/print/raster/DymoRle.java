package dev.lanyard.print.raster;

import java.io.ByteArrayOutputStream;

/**
 * The run-length line format of Dymo LabelWriter 400/450 "ETB" lines: each byte is one run,
 * bit 7 the colour (1 = black), bits 0-6 the run length minus one (1..128 pixels). The runs of a
 * line add up to exactly bytes-per-line x 8 pixels.
 */
public final class DymoRle {
    public static final int MAX_RUN = 128;

    private DymoRle() {
    }

    /** Runs for {@code length} bytes of an MSB-first line starting at {@code offset}. */
    public static byte[] encode(byte[] line, int offset, int length) {
        int pixels = length * 8;
        ByteArrayOutputStream out = new ByteArrayOutputStream(16);
        int p = 0;
        while (p < pixels) {
            boolean black = bit(line, offset, p);
            int run = 1;
            while (run < MAX_RUN && p + run < pixels && bit(line, offset, p + run) == black) {
                run++;
            }
            out.write((black ? 0x80 : 0) | (run - 1));
            p += run;
        }
        return out.toByteArray();
    }

    public static byte[] encode(byte[] line) {
        return encode(line, 0, line.length);
    }

    /**
     * Expands runs into a line of {@code bytesPerLine} bytes; IllegalArgumentException if the runs
     * do not add up to exactly that many pixels.
     */
    public static byte[] decode(byte[] runs, int offset, int count, int bytesPerLine) {
        byte[] line = new byte[bytesPerLine];
        int pixels = bytesPerLine * 8;
        int p = 0;
        for (int i = offset; i < offset + count; i++) {
            int run = (runs[i] & 0x7F) + 1;
            boolean black = (runs[i] & 0x80) != 0;
            if (p + run > pixels) {
                throw new IllegalArgumentException("run-length line has more than " + pixels + " pixels");
            }
            if (black) {
                for (int k = p; k < p + run; k++) {
                    line[k >> 3] |= (byte) (0x80 >>> (k & 7));
                }
            }
            p += run;
        }
        if (p != pixels) {
            throw new IllegalArgumentException("run-length line has " + p + " pixels, expected " + pixels);
        }
        return line;
    }

    /** How many run bytes a line needs, without building them. */
    public static int encodedLength(byte[] line, int offset, int length) {
        int pixels = length * 8;
        int count = 0;
        int p = 0;
        while (p < pixels) {
            boolean black = bit(line, offset, p);
            int run = 1;
            while (run < MAX_RUN && p + run < pixels && bit(line, offset, p + run) == black) {
                run++;
            }
            count++;
            p += run;
        }
        return count;
    }

    private static boolean bit(byte[] line, int offset, int pixel) {
        return (line[offset + (pixel >> 3)] & (0x80 >>> (pixel & 7))) != 0;
    }
}
