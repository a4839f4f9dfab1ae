package dev.lanyard.print.driver;

import dev.lanyard.print.brother.BrotherError;
import dev.lanyard.print.model.HumanMessage;

/** What went wrong, typed, so the kiosk can react (retry, alert staff) without parsing text. */
public enum PrinterProblem {
    COVER_OPEN(true, "Cover open: close the printer cover", "덮개가 열려 있습니다: 프린터 덮개를 닫아 주세요"),
    NO_MEDIA(true, "No labels: load a roll", "라벨이 없습니다: 롤을 넣어 주세요"),
    END_OF_MEDIA(true, "End of labels: replace the roll", "라벨이 다 떨어졌습니다: 롤을 교체해 주세요"),
    WRONG_MEDIA(true, "Wrong label roll", "라벨 롤이 맞지 않습니다"),
    /** The LabelWriter 550 family reads an NFC tag on the roll and refuses rolls without DYMO's. */
    NOT_GENUINE_ROLL(true, "The printer refuses this roll: it prints only on genuine DYMO labels",
            "프린터가 이 롤을 거부합니다: 정품 DYMO 라벨에만 인쇄합니다"),
    JAM(true, "Labels or cutter jammed: open the printer and clear it", "라벨이나 커터가 걸렸습니다: 프린터를 열고 정리해 주세요"),
    BUSY(true, "Printer is busy", "프린터가 사용 중입니다"),
    OVERHEATED(true, "Print head overheated or job cancelled on the printer", "헤드가 과열되었거나 프린터에서 취소되었습니다"),
    /**
     * A LabelWriter 550 whose own cancel button stopped the job: the label under way was not printed, and staff meant
     * it not to be (the job fails; they print it again from the desk if it is wanted after all).
     */
    CANCELLED_ON_PRINTER(false, "The job was cancelled on the printer", "프린터에서 작업이 취소되었습니다"),
    POWER(true, "Printer power problem", "프린터 전원 문제"),
    REJECTED_DATA(true, "The printer rejected the data", "프린터가 데이터를 거부했습니다"),
    /** The printer's status names another model than the desk is set up for: its settings must change, not wait. */
    WRONG_PRINTER_MODEL(false, "This is another printer model than the desk is set up for",
            "데스크에 설정된 것과 다른 프린터 모델입니다"),
    HARDWARE_FAULT(false, "Printer hardware fault: turn it off and on", "프린터 하드웨어 오류: 껐다가 켜 주세요"),
    UNREACHABLE(true, "Printer not reachable", "프린터에 연결할 수 없습니다"),
    CONNECTION_LOST(true, "Connection to the printer failed", "프린터 연결이 끊겼습니다"),
    TIMEOUT(true, "Printer did not answer in time", "프린터가 제시간에 응답하지 않았습니다"),
    /**
     * Every byte of a label went out but the printer never said it printed it: it may have. Sent again once (ADR
     * 0102's one accepted duplicate), then left to staff, who can see whether the badge came out.
     */
    PAGE_UNCONFIRMED(true, "The printer took the badge but never said it printed it: check whether it came out",
            "프린터가 배지를 받았지만 인쇄했다고 알리지 않았습니다: 배지가 나왔는지 확인해 주세요"),
    UNKNOWN(true, "Printer reported an error", "프린터가 오류를 보고했습니다");

    private final boolean retryable;
    private final HumanMessage message;

    PrinterProblem(boolean retryable, String english, String korean) {
        this.retryable = retryable;
        this.message = new HumanMessage(english, korean);
    }

    /** Whether trying again later (after staff fix it) makes sense. */
    public boolean retryable() { return retryable; }

    public HumanMessage message() { return message; }

    public static PrinterProblem of(BrotherError error) {
        return switch (error) {
            case NO_MEDIA -> NO_MEDIA;
            case END_OF_MEDIA -> END_OF_MEDIA;
            case CUTTER_JAM, FEED_ERROR -> JAM;
            case WEAK_BATTERY, TURNED_OFF, HIGH_VOLTAGE_ADAPTER -> POWER;
            case PRINTER_IN_USE, EXPANSION_BUFFER_FULL, BUFFER_FULL -> BUSY;
            case FAN_ERROR, SYSTEM_ERROR -> HARDWARE_FAULT;
            case REPLACE_MEDIA -> WRONG_MEDIA;
            case COMMUNICATION_ERROR -> REJECTED_DATA;
            case COVER_OPEN -> COVER_OPEN;
            case CANCEL_OR_OVERHEAT -> OVERHEATED;
        };
    }
}
