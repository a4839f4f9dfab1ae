package dev.lanyard.print.brother;

/** Byte 18 of the status: why the printer sent it. */
public enum BrotherStatusType {
    REPLY(0x00),
    PRINTING_COMPLETED(0x01),
    ERROR(0x02),
    EXIT_IF_MODE(0x03),
    TURNED_OFF(0x04),
    NOTIFICATION(0x05),
    PHASE_CHANGE(0x06),
    UNKNOWN(-1);

    private final int code;

    BrotherStatusType(int code) {
        this.code = code;
    }

    public int code() { return code; }

    public static BrotherStatusType of(int code) {
        for (BrotherStatusType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return UNKNOWN;
    }
}
