package dev.lanyard.print.brother;

/** Byte 19 of the status. */
public enum BrotherPhase {
    RECEIVING(0x00),
    PRINTING(0x01),
    UNKNOWN(-1);

    private final int code;

    BrotherPhase(int code) {
        this.code = code;
    }

    public int code() { return code; }

    public static BrotherPhase of(int code) {
        return code == 0 ? RECEIVING : code == 1 ? PRINTING : UNKNOWN;
    }
}
