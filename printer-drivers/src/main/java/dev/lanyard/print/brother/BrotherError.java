package dev.lanyard.print.brother;

import dev.lanyard.print.model.HumanMessage;

/**
 * Every error bit of the Brother 32-byte status: error information 1 (byte 8) and 2 (byte 9),
 * per the QL-710W/720NW, QL-800 and QL-1110NWB raster references.
 */
public enum BrotherError {
    NO_MEDIA(8, 0x01, "No labels: load a DK roll", "라벨이 없습니다: DK 롤을 넣어 주세요", true),
    END_OF_MEDIA(8, 0x02, "End of labels: replace the roll", "라벨이 다 떨어졌습니다: 롤을 교체해 주세요", true),
    CUTTER_JAM(8, 0x04, "Cutter jam: open the cover and clear the cutter", "커터가 걸렸습니다: 덮개를 열고 커터를 정리해 주세요", true),
    WEAK_BATTERY(8, 0x08, "Battery weak: connect the power adapter", "배터리가 부족합니다: 전원 어댑터를 연결해 주세요", true),
    PRINTER_IN_USE(8, 0x10, "Printer is busy with another job", "프린터가 다른 작업을 처리 중입니다", true),
    TURNED_OFF(8, 0x20, "Printer was turned off", "프린터 전원이 꺼졌습니다", true),
    HIGH_VOLTAGE_ADAPTER(8, 0x40, "Wrong power adapter (high voltage)", "잘못된 전원 어댑터입니다(고전압)", false),
    FAN_ERROR(8, 0x80, "Fan error: turn the printer off and on", "팬 오류: 프린터를 껐다가 켜 주세요", false),
    REPLACE_MEDIA(9, 0x01, "Wrong label roll for this job", "이 작업에 맞지 않는 라벨 롤입니다", true),
    EXPANSION_BUFFER_FULL(9, 0x02, "Expansion buffer full", "확장 버퍼가 가득 찼습니다", true),
    COMMUNICATION_ERROR(9, 0x04, "Communication error: the printer rejected the data", "통신 오류: 프린터가 데이터를 거부했습니다", true),
    BUFFER_FULL(9, 0x08, "Printer buffer full", "프린터 버퍼가 가득 찼습니다", true),
    COVER_OPEN(9, 0x10, "Cover open: close the printer cover", "덮개가 열려 있습니다: 프린터 덮개를 닫아 주세요", true),
    CANCEL_OR_OVERHEAT(9, 0x20, "Cancelled on the printer, or print head overheated", "프린터에서 취소되었거나 헤드가 과열되었습니다", true),
    FEED_ERROR(9, 0x40, "Labels cannot be fed: check the roll", "라벨을 급지할 수 없습니다: 롤을 확인해 주세요", true),
    SYSTEM_ERROR(9, 0x80, "Printer system error: turn it off and on", "프린터 시스템 오류: 껐다가 켜 주세요", false);

    private final int byteIndex;
    private final int mask;
    private final HumanMessage message;
    private final boolean recoverable;

    BrotherError(int byteIndex, int mask, String english, String korean, boolean recoverable) {
        this.byteIndex = byteIndex;
        this.mask = mask;
        this.message = new HumanMessage(english, korean);
        this.recoverable = recoverable;
    }

    /** 8 for error information 1, 9 for error information 2. */
    public int byteIndex() { return byteIndex; }

    public int mask() { return mask; }

    public HumanMessage message() { return message; }

    /** Whether staff can clear it at the printer and the job can then be retried. */
    public boolean recoverable() { return recoverable; }
}
