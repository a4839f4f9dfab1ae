package dev.lanyard.print.driver;

import dev.lanyard.print.model.HumanMessage;

/**
 * What a printer does besides printing that staff should see, reported while a job runs: a pause
 * to cool the print head, and its end. Neither is a failure. Called on the printing thread.
 */
public interface PrinterActivity {
    PrinterActivity NONE = new PrinterActivity() {
    };

    HumanMessage COOLING = new HumanMessage("Print head cooling: printing pauses and resumes by itself",
            "인쇄 헤드 냉각 중: 잠시 멈췄다가 자동으로 다시 인쇄합니다");
    HumanMessage LABELWRITER_PAUSED =
            new HumanMessage("LabelWriter paused (long batches let the head cool): waiting, it resumes by itself",
            "LabelWriter 일시 정지 (긴 일괄 출력 중 헤드 냉각): 기다리면 자동으로 다시 인쇄합니다");
    HumanMessage RESUMED = new HumanMessage("Cooling done, printing resumed", "냉각 완료, 인쇄를 다시 시작했습니다");

    default void paused(HumanMessage why) {
    }

    default void resumed(HumanMessage message) {
    }

    /**
     * One of a desk's printers failed and the job goes on on another ("QL-820NWB: Cover open — printing on LW-450").
     */
    default void failedOver(HumanMessage message) {
    }
}
