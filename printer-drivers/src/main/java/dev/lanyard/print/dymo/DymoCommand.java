package dev.lanyard.print.dymo;

/** Dymo LabelWriter command bytes (400/450 Technical Reference; 550 per thermal-label and dymon). */
public enum DymoCommand {
    ESC(0x1B),
    RESET(0x1B, 0x40),
    /** ESC B n: dot tab, the first byte of each line on the head. */
    DOT_TAB(0x1B, 0x42),
    /** ESC D n: bytes per line (400/450). On the 550 ESC D starts a label's bitmap header. */
    BYTES_PER_LINE(0x1B, 0x44),
    /** ESC L n1 n2: label length in lines, most significant byte first on the 400/450. */
    LABEL_LENGTH(0x1B, 0x4C),
    FORM_FEED(0x1B, 0x45),
    SHORT_FORM_FEED(0x1B, 0x47),
    /** ESC f 1 n: skip n blank lines. */
    SKIP_LINES(0x1B, 0x66, 0x01),
    TEXT_MODE(0x1B, 0x68),
    GRAPHICS_MODE(0x1B, 0x69),
    /** ESC A: status request; 1 byte back on the 400/450, 32 on the 550 (with a lock byte). */
    STATUS(0x1B, 0x41),
    /** ESC s u32: 550 start of job. */
    START_JOB(0x1B, 0x73),
    /** ESC C duty: 550 print density in percent. */
    DENSITY_PERCENT(0x1B, 0x43),
    /** ESC n u16: 550 label index. */
    LABEL_INDEX(0x1B, 0x6E),
    /** ESC Q: 550 end of job, releases the lock. */
    END_JOB(0x1B, 0x51),
    SYN(0x16),
    ETB(0x17);

    /** ESC bytes sent before ESC @ to bring a 400/450 out of any half-received command. */
    public static final int RESYNC_ESCAPES = 100;

    private final byte[] bytes;

    DymoCommand(int... values) {
        bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
    }

    public byte[] bytes() {
        return bytes.clone();
    }

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

    public int length() {
        return bytes.length;
    }
}
