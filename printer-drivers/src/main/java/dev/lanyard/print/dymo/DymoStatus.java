package dev.lanyard.print.dymo;

import dev.lanyard.print.model.HumanMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The one-byte LabelWriter 400/450 status (reply to ESC A): bit 0 ready, 1 top of form,
 * 5 out of paper, 6 paper jam, 7 general error.
 */
public record DymoStatus(int raw) {
    public static final int LENGTH = 1;
    public static final int READY = 0x01;
    public static final int TOP_OF_FORM = 0x02;
    public static final int OUT_OF_PAPER = 0x20;
    public static final int PAPER_JAM = 0x40;
    public static final int ERROR = 0x80;

    public DymoStatus {
        if (raw < 0 || raw > 0xFF) {
            throw new IllegalArgumentException("status byte must be 0..255, was " + raw);
        }
    }

    public static DymoStatus parse(byte[] data) {
        if (data == null || data.length != LENGTH) {
            throw new IllegalArgumentException("a LabelWriter 450 status is 1 byte, got "
                    + (data == null ? 0 : data.length));
        }
        return new DymoStatus(data[0] & 0xFF);
    }

    public boolean ready() { return (raw & READY) != 0; }
    public boolean topOfForm() { return (raw & TOP_OF_FORM) != 0; }
    public boolean outOfPaper() { return (raw & OUT_OF_PAPER) != 0; }
    public boolean paperJam() { return (raw & PAPER_JAM) != 0; }
    public boolean error() { return (raw & ERROR) != 0; }

    public boolean hasErrors() {
        return outOfPaper() || paperJam() || error();
    }

    public List<HumanMessage> problems() {
        List<HumanMessage> out = new ArrayList<>();
        if (outOfPaper()) out.add(new HumanMessage("Out of labels: load a new roll", "라벨이 없습니다: 새 롤을 넣어 주세요"));
        if (paperJam()) out.add(new HumanMessage("Label jam: open the printer and clear the labels",
                "라벨이 걸렸습니다: 프린터를 열고 라벨을 정리해 주세요"));
        if (error()) out.add(new HumanMessage("Printer error: turn it off and on", "프린터 오류: 껐다가 켜 주세요"));
        return out;
    }

    public String explain() {
        StringBuilder out = new StringBuilder(String.format("status byte: 0x%02X%n", raw));
        out.append("ready: ").append(ready()).append(", top of form: ").append(topOfForm()).append('\n');
        List<HumanMessage> problems = problems();
        if (problems.isEmpty()) {
            out.append("no errors / 오류 없음\n");
        }
        for (HumanMessage problem : problems) {
            out.append("error: ").append(problem.english()).append('\n').append("오류: ").append(problem.korean())
                    .append('\n');
        }
        return out.toString();
    }
}
