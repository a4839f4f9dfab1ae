package dev.lanyard.print.dymo;

import dev.lanyard.print.model.HumanMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The 32-byte LabelWriter 550 status (thermal-label/labelwriter; experimental): byte 0 print
 * state, 1-4 job id, 5-6 label index, 10 media bay state, 11-22 SKU, 27-28 labels left.
 */
public record Dymo550Status(int state, int jobId, int labelIndex, int mediaBay, String sku, int labelsLeft) {
    public static final int LENGTH = 32;
    public static final int STATE_IDLE = 0;
    public static final int STATE_PRINTING = 1;
    public static final int STATE_ERROR = 2;
    public static final int STATE_CANCEL = 3;
    public static final int STATE_STANDBY_WAKE = 4;
    public static final int STATE_LOCK_NOT_GRANTED = 5;
    public static final int BAY_OPEN = 1;
    public static final int BAY_NO_MEDIA = 2;
    public static final int BAY_EMPTY = 5;
    public static final int BAY_LOW = 6;
    public static final int BAY_VERY_LOW = 7;
    public static final int BAY_OK = 8;
    public static final int BAY_JAM = 9;
    public static final int BAY_COUNTERFEIT = 10;

    public static Dymo550Status parse(byte[] data) {
        if (data == null || data.length != LENGTH) {
            throw new IllegalArgumentException("a LabelWriter 550 status is 32 bytes, got "
                    + (data == null ? 0 : data.length));
        }
        int jobId = (data[1] & 0xFF) | (data[2] & 0xFF) << 8 | (data[3] & 0xFF) << 16 | (data[4] & 0xFF) << 24;
        int index = (data[5] & 0xFF) | (data[6] & 0xFF) << 8;
        String sku = new String(data, 11, 12, StandardCharsets.US_ASCII).replace("\0", "").strip();
        int left = (data[27] & 0xFF) | (data[28] & 0xFF) << 8;
        return new Dymo550Status(data[0] & 0xFF, jobId, index, data[10] & 0xFF, sku, left);
    }

    public byte[] toBytes() {
        byte[] data = new byte[LENGTH];
        data[0] = (byte) state;
        data[1] = (byte) jobId;
        data[2] = (byte) (jobId >>> 8);
        data[3] = (byte) (jobId >>> 16);
        data[4] = (byte) (jobId >>> 24);
        data[5] = (byte) labelIndex;
        data[6] = (byte) (labelIndex >>> 8);
        data[10] = (byte) mediaBay;
        byte[] skuBytes = sku.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(skuBytes, 0, data, 11, Math.min(12, skuBytes.length));
        data[27] = (byte) labelsLeft;
        data[28] = (byte) (labelsLeft >>> 8);
        return data;
    }

    public boolean hasErrors() {
        return state == STATE_ERROR || state == STATE_LOCK_NOT_GRANTED || state == STATE_CANCEL
                || mediaBay == BAY_OPEN || mediaBay == BAY_NO_MEDIA || mediaBay == BAY_EMPTY || mediaBay == BAY_JAM
                || mediaBay == BAY_COUNTERFEIT;
    }

    public List<HumanMessage> problems() {
        List<HumanMessage> out = new ArrayList<>();
        if (state == STATE_LOCK_NOT_GRANTED) out.add(new HumanMessage("Printer is in use by another computer",
                "다른 컴퓨터가 프린터를 사용 중입니다"));
        if (state == STATE_ERROR) out.add(new HumanMessage("Printer error", "프린터 오류"));
        if (state == STATE_CANCEL) out.add(new HumanMessage("The job was cancelled on the printer",
                "프린터에서 작업이 취소되었습니다"));
        switch (mediaBay) {
            case BAY_OPEN -> out.add(new HumanMessage("Label bay open: close the cover", "라벨 덮개가 열려 있습니다: 닫아 주세요"));
            case BAY_NO_MEDIA, BAY_EMPTY -> out.add(new HumanMessage("Out of labels: load a new roll",
                    "라벨이 없습니다: 새 롤을 넣어 주세요"));
            case BAY_JAM -> out.add(new HumanMessage("Label jam: clear the labels", "라벨이 걸렸습니다: 라벨을 정리해 주세요"));
            case BAY_COUNTERFEIT -> out.add(new HumanMessage(
                    "The printer refuses this roll: it prints only on genuine DYMO labels (the roll's NFC tag is "
                    + "missing or not DYMO's)",
                    "프린터가 이 롤을 거부합니다: 정품 DYMO 라벨에만 인쇄합니다 (롤의 NFC 태그가 없거나 DYMO 것이 아닙니다)"));
            default -> { }
        }
        return out;
    }

    public String explain() {
        StringBuilder out = new StringBuilder();
        out.append("state: ").append(state).append(", media bay: ").append(mediaBay).append(", SKU: ")
                .append(sku.isEmpty() ? "-" : sku)
                .append(", labels left: ").append(labelsLeft).append('\n');
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
