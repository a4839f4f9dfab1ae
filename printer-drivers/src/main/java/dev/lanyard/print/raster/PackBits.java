package dev.lanyard.print.raster;

import java.io.ByteArrayOutputStream;

/**
 * TIFF PackBits, as Brother QL printers take raster lines after "M 02": a header byte n in
 * 0..127 is followed by n+1 literal bytes; n in -127..-1 by one byte repeated 1-n times; -128 is a
 * no-op.
 */
public final class PackBits {
    private PackBits() {
    }

    public static byte[] encode(byte[] data) {
        return encode(data, 0, data.length);
    }

    public static byte[] encode(byte[] data, int offset, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + length / 128 + 2);
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int run = 1;
            while (i + run < end && run < 128 && data[i + run] == data[i]) {
                run++;
            }
            if (run >= 3) {
                out.write(1 - run);
                out.write(data[i]);
                i += run;
                continue;
            }
            // pairs stay inside literals: breaking a literal for a 2-byte run costs a header byte
            int literalStart = i;
            int literal = 0;
            while (i < end && literal < 128 && !(i + 2 < end && data[i] == data[i + 1] && data[i] == data[i + 2])) {
                i++;
                literal++;
            }
            out.write(literal - 1);
            out.write(data, literalStart, literal);
        }
        return out.toByteArray();
    }

    /** Decodes {@code length} bytes of PackBits; IllegalArgumentException on truncated input. */
    public static byte[] decode(byte[] data, int offset, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length * 2);
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int n = data[i++];
            if (n >= 0) {
                if (i + n + 1 > end) {
                    throw new IllegalArgumentException("PackBits literal of " + (n + 1)
                            + " bytes runs past the end of the data");
                }
                out.write(data, i, n + 1);
                i += n + 1;
            } else if (n != -128) {
                if (i >= end) {
                    throw new IllegalArgumentException("PackBits run header without its byte");
                }
                byte b = data[i++];
                for (int k = 0; k < 1 - n; k++) {
                    out.write(b);
                }
            }
        }
        return out.toByteArray();
    }

    public static byte[] decode(byte[] data) {
        return decode(data, 0, data.length);
    }
}
