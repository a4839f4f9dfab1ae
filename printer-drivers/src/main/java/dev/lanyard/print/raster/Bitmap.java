package dev.lanyard.print.raster;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * A 1-bit image: rows of {@code stride} bytes, most significant bit first, 1 = ink. The same bit
 * order the printers use, so encoders copy rows instead of testing pixels.
 */
public final class Bitmap {
    private final int width;
    private final int height;
    private final int stride;
    private final byte[] bits;

    public Bitmap(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("bitmap size must be positive, was " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.stride = (width + 7) / 8;
        this.bits = new byte[stride * height];
    }

    public int width() { return width; }
    public int height() { return height; }
    public int stride() { return stride; }

    public boolean get(int x, int y) {
        checkBounds(x, y);
        return (bits[y * stride + (x >> 3)] & (0x80 >>> (x & 7))) != 0;
    }

    public void set(int x, int y, boolean ink) {
        checkBounds(x, y);
        int index = y * stride + (x >> 3);
        int mask = 0x80 >>> (x & 7);
        bits[index] = (byte) (ink ? bits[index] | mask : bits[index] & ~mask);
    }

    /** Sets ink in a rectangle, clipped to the bitmap. */
    public void fill(int x, int y, int w, int h) {
        int x1 = Math.min(width, x + w);
        int y1 = Math.min(height, y + h);
        for (int yy = Math.max(0, y); yy < y1; yy++) {
            for (int xx = Math.max(0, x); xx < x1; xx++) {
                bits[yy * stride + (xx >> 3)] |= (byte) (0x80 >>> (xx & 7));
            }
        }
    }

    /** A copy of row {@code y} ({@code stride} bytes; bits past the width are 0). */
    public byte[] row(int y) {
        if (y < 0 || y >= height) {
            throw new IndexOutOfBoundsException("row " + y + " outside 0.." + (height - 1));
        }
        return Arrays.copyOfRange(bits, y * stride, (y + 1) * stride);
    }

    /** Copies row {@code y} into {@code target} at {@code offset}. */
    public void copyRow(int y, byte[] target, int offset) {
        System.arraycopy(bits, y * stride, target, offset, stride);
    }

    /** Overwrites row {@code y} from {@code source} at {@code offset}. */
    public void setRow(int y, byte[] source, int offset) {
        System.arraycopy(source, offset, bits, y * stride, stride);
        int spare = stride * 8 - width;
        if (spare > 0) {
            bits[y * stride + stride - 1] &= (byte) (0xFF << spare);
        }
    }

    public boolean rowIsBlank(int y) {
        int start = y * stride;
        for (int i = start; i < start + stride; i++) {
            if (bits[i] != 0) {
                return false;
            }
        }
        return true;
    }

    public boolean isBlank() {
        for (byte b : bits) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    public long inkCount() {
        long count = 0;
        for (byte b : bits) {
            count += Integer.bitCount(b & 0xFF);
        }
        return count;
    }

    /** Ink in a rectangle (clipped), for tests and layout checks. */
    public long inkCount(int x, int y, int w, int h) {
        long count = 0;
        for (int yy = Math.max(0, y); yy < Math.min(height, y + h); yy++) {
            for (int xx = Math.max(0, x); xx < Math.min(width, x + w); xx++) {
                if (get(xx, yy)) {
                    count++;
                }
            }
        }
        return count;
    }

    /** ORs {@code other} into this bitmap with its top-left corner at (x, y), clipped. */
    public void draw(Bitmap other, int x, int y) {
        for (int yy = 0; yy < other.height; yy++) {
            int ty = y + yy;
            if (ty < 0 || ty >= height) {
                continue;
            }
            for (int xx = 0; xx < other.width; xx++) {
                int tx = x + xx;
                if (tx >= 0 && tx < width && other.get(xx, yy)) {
                    bits[ty * stride + (tx >> 3)] |= (byte) (0x80 >>> (tx & 7));
                }
            }
        }
    }

    /** Clears every pixel that is ink in {@code mask} (same size). */
    public void clearWhere(Bitmap mask) {
        if (mask.width != width || mask.height != height) {
            throw new IllegalArgumentException("mask is " + mask.width + "x" + mask.height + ", bitmap is " + width
                    + "x" + height);
        }
        for (int i = 0; i < bits.length; i++) {
            bits[i] &= (byte) ~mask.bits[i];
        }
    }

    /**
     * Turned a quarter clockwise: the top row becomes the right column. Used to lay a landscape
     * badge onto a label that feeds its short edge first.
     */
    public Bitmap rotateClockwise() {
        Bitmap out = new Bitmap(height, width);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (get(x, y)) {
                    out.set(height - 1 - y, x, true);
                }
            }
        }
        return out;
    }

    public Bitmap copy() {
        Bitmap out = new Bitmap(width, height);
        System.arraycopy(bits, 0, out.bits, 0, bits.length);
        return out;
    }

    /** Black ink on white, or red ink where {@code red} is set (it may be null). */
    public static BufferedImage toImage(Bitmap black, Bitmap red) {
        BufferedImage image = new BufferedImage(black.width, black.height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < black.height; y++) {
            for (int x = 0; x < black.width; x++) {
                int rgb = 0xFFFFFF;
                if (red != null && red.get(x, y)) {
                    rgb = 0xD0021B;
                } else if (black.get(x, y)) {
                    rgb = 0x000000;
                }
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    public byte[] toPng() {
        return toPng(this, null);
    }

    public static byte[] toPng(Bitmap black, Bitmap red) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(toImage(black, red), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode PNG", e);
        }
    }

    private void checkBounds(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new IndexOutOfBoundsException("(" + x + "," + y + ") outside " + width + "x" + height);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bitmap other && other.width == width && other.height == height
                && Arrays.equals(other.bits, bits);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        return "Bitmap[" + width + "x" + height + ", ink=" + inkCount() + "]";
    }
}
