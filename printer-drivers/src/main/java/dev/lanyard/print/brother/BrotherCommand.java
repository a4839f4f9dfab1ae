package dev.lanyard.print.brother;

/** Brother QL raster command bytes (shared/reference/printers.md). */
public enum BrotherCommand {
    INITIALIZE(0x1B, 0x40),
    STATUS_REQUEST(0x1B, 0x69, 0x53),
    /** ESC i a n: switch to raster mode (n = 01). */
    SWITCH_MODE(0x1B, 0x69, 0x61),
    /** ESC i ! n: automatic status notification (00 on). */
    AUTO_STATUS(0x1B, 0x69, 0x21),
    /** ESC i z + 10 bytes of print information. */
    PRINT_INFO(0x1B, 0x69, 0x7A),
    /** ESC i M n: various mode, bit 6 auto cut. */
    VARIOUS_MODE(0x1B, 0x69, 0x4D),
    /** ESC i A n: cut every n labels. */
    CUT_EVERY(0x1B, 0x69, 0x41),
    /** ESC i K n: expanded mode, bit 0 two colour, bit 3 cut at end, bit 6 high resolution. */
    EXPANDED_MODE(0x1B, 0x69, 0x4B),
    /** ESC i d lo hi: feed margin in dots. */
    MARGIN(0x1B, 0x69, 0x64),
    /** M n: compression, 00 none, 02 TIFF PackBits. */
    COMPRESSION(0x4D),
    /** g 00 n + n bytes: one raster line. */
    RASTER_LINE(0x67, 0x00),
    /** w c n + n bytes: a two-colour raster line, c 01 black, 02 red. */
    TWO_COLOUR_LINE(0x77),
    /** Z: a blank line (not every model takes it; never sent by Lanyard). */
    BLANK_LINE(0x5A),
    /** Print, more pages follow. */
    PRINT(0x0C),
    /** Print with feed: the last page. */
    PRINT_LAST(0x1A);

    public static final int PRINT_INFO_LENGTH = 10;
    public static final int VARIOUS_AUTO_CUT = 0x40;
    public static final int EXPANDED_TWO_COLOUR = 0x01;
    public static final int EXPANDED_CUT_AT_END = 0x08;
    public static final int EXPANDED_HIGH_RES = 0x40;
    public static final int INFO_FLAG_MEDIA_TYPE = 0x02;
    public static final int INFO_FLAG_WIDTH = 0x04;
    public static final int INFO_FLAG_LENGTH = 0x08;
    public static final int INFO_FLAG_QUALITY = 0x40;
    public static final int INFO_FLAG_RECOVERY = 0x80;
    public static final int MEDIA_CONTINUOUS = 0x0A;
    public static final int MEDIA_DIE_CUT = 0x0B;
    public static final int COMPRESSION_NONE = 0x00;
    public static final int COMPRESSION_PACKBITS = 0x02;
    public static final int COLOUR_BLACK = 0x01;
    public static final int COLOUR_RED = 0x02;

    private final byte[] bytes;

    BrotherCommand(int... values) {
        bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** Whether {@code data} holds this command at {@code offset}. */
    public boolean matches(byte[] data, int offset) {
        if (offset + bytes.length > data.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (data[offset + i] != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
