package dev.lanyard.server.sync;

import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.json.Json;
import java.util.UUID;

/**
 * A pushed check-in op with its feed JSON made before the writer takes its turn: the change-log
 * entry is the op with its seq, so the op is serialised once with seq 0 and, under the turn, the
 * real seq is put in its place instead of serialising the op again. The key {@code "seq":} can
 * only be the op's own field there: inside a JSON string every quote is escaped.
 *
 * @param raw  the op as the device sent it
 * @param op   the op as it is stored: the event from the URL, no seq yet
 */
record OpBody(CheckInOp raw, CheckInOp op, String beforeSeq, String afterSeq) {
    private static final String SEQ_ZERO = "\"seq\":0";

    static OpBody of(CheckInOp raw, UUID eventId) {
        // built from raw so what the device said about its clock (clockCorrectedMs) reaches the other doors
        CheckInOp op = raw.withoutSeq().withEventId(eventId);
        String template = Json.write(op.withSeq(0));
        int at = template.lastIndexOf(SEQ_ZERO);
        if (at < 0) {
            throw new IllegalStateException("no seq in the JSON of a check-in op: " + template);
        }
        int valueAt = at + SEQ_ZERO.length() - 1;
        return new OpBody(raw, op, template.substring(0, valueAt), template.substring(valueAt + 1));
    }

    /** Exactly {@code Json.write(op.withSeq(seq))}. */
    String withSeq(long seq) {
        return beforeSeq + seq + afterSeq;
    }
}
