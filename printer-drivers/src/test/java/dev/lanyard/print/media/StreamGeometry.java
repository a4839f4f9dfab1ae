package dev.lanyard.print.media;

import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.raster.PackBits;
import java.util.Set;
import java.util.TreeSet;

/**
 * The geometry a printer would read from a job's first page, parsed straight from the bytes with
 * the protocol references' command tables (not with the encoders' own code): Brother ESC i z width,
 * length and line count plus every raster line's width; LabelWriter 400 ESC L and ESC D; LabelWriter
 * 550 ESC D rows and dots.
 */
record StreamGeometry(int widthMm, int lengthMm, int lines, Set<Integer> lineBytes) {
    static StreamGeometry read(PrinterModel model, byte[] s) {
        return switch (model.protocol()) {
            case BROTHER_QL_RASTER -> brother(model, s);
            case DYMO_LW_400 -> dymo400(s);
            case DYMO_LW_550 -> dymo550(s);
        };
    }

    private static StreamGeometry brother(PrinterModel model, byte[] s) {
        int i = model.brother().invalidateLength();
        int width = -1;
        int length = -1;
        int lines = -1;
        boolean compressed = false;
        Set<Integer> lineBytes = new TreeSet<>();
        while (i < s.length) {
            int b = s[i] & 0xFF;
            if (b == 0x1B && (s[i + 1] & 0xFF) == 0x40) {
                i += 2;
            } else if (b == 0x1B && (s[i + 1] & 0xFF) == 0x69) {
                int op = s[i + 2] & 0xFF;
                switch (op) {
                    case 0x53 -> i += 3;
                    case 0x7A -> {
                        width = s[i + 5] & 0xFF;
                        length = s[i + 6] & 0xFF;
                        lines = (s[i + 7] & 0xFF) | (s[i + 8] & 0xFF) << 8 | (s[i + 9] & 0xFF) << 16 |
                                (s[i + 10] & 0xFF) << 24;
                        i += 13;
                    }
                    case 0x64 -> i += 5;
                    default -> i += 4;
                }
            } else if (b == 0x4D) {
                compressed = (s[i + 1] & 0xFF) == 0x02;
                i += 2;
            } else if (b == 0x67 || b == 0x77) {
                int n = s[i + 2] & 0xFF;
                byte[] data = java.util.Arrays.copyOfRange(s, i + 3, i + 3 + n);
                lineBytes.add(compressed ? PackBits.decode(data).length : n);
                i += 3 + n;
            } else if (b == 0x0C || b == 0x1A) {
                break;
            } else {
                throw new IllegalStateException(String.format("unexpected byte %02X at %d", b, i));
            }
        }
        return new StreamGeometry(width, length, lines, lineBytes);
    }

    private static StreamGeometry dymo400(byte[] s) {
        int lines = -1;
        Set<Integer> bpl = new TreeSet<>();
        for (int i = 0; i + 3 < s.length; i++) {
            if ((s[i] & 0xFF) != 0x1B) {
                continue;
            }
            int c = s[i + 1] & 0xFF;
            if (c == 0x4C && lines < 0) {
                lines = (s[i + 2] & 0xFF) << 8 | (s[i + 3] & 0xFF);
            } else if (c == 0x44) {
                bpl.add(s[i + 2] & 0xFF);
                return new StreamGeometry(0, 0, lines, bpl);
            }
        }
        throw new IllegalStateException("no ESC D in the stream");
    }

    private static StreamGeometry dymo550(byte[] s) {
        for (int i = 0; i + 11 < s.length; i++) {
            if ((s[i] & 0xFF) == 0x1B && (s[i + 1] & 0xFF) == 0x44 && (s[i + 2] & 0xFF) == 0x01 && (s[i + 3] & 0xFF)
                    == 0x02) {
                int rows = u32(s, i + 4);
                int dots = u32(s, i + 8);
                return new StreamGeometry(0, 0, rows, Set.of(dots / 8));
            }
        }
        throw new IllegalStateException("no ESC D 01 02 in the stream");
    }

    private static int u32(byte[] s, int at) {
        return (s[at] & 0xFF) | (s[at + 1] & 0xFF) << 8 | (s[at + 2] & 0xFF) << 16 | (s[at + 3] & 0xFF) << 24;
    }
}
