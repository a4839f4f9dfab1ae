package dev.lanyard.print.brother;

/**
 * Byte 11 of the status. The QL-800 reference lists 4A/4B, but printers send 0A/0B; both are
 * accepted.
 */
public enum BrotherMediaType {
    NONE(0x00),
    CONTINUOUS(0x0A),
    DIE_CUT(0x0B),
    UNKNOWN(-1);

    private final int code;

    BrotherMediaType(int code) {
        this.code = code;
    }

    public int code() { return code; }

    public static BrotherMediaType of(int code) {
        return switch (code) {
            case 0x00 -> NONE;
            case 0x0A, 0x4A -> CONTINUOUS;
            case 0x0B, 0x4B -> DIE_CUT;
            default -> UNKNOWN;
        };
    }
}
