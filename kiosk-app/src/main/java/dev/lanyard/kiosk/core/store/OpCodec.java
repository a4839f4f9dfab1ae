package dev.lanyard.kiosk.core.store;

import dev.lanyard.model.CheckInAction;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.json.Json;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The stored form of a check-in op in the replica's log (before sealing): a compact binary record instead of its
 * JSON, which a bootstrap wrote for every op and a later page read back and parsed for every participant-day it
 * touched again (ADR 0339). Rows stored as JSON before keep being read: a JSON body starts with '{', a record with
 * its version byte.
 *
 * <p>Layout (version 1): version byte; op id, participant id (16 bytes each); a presence bitmask; event id if
 * present; day as epoch day (zig-zag); action as its wire name; observed ids (count, then 16 bytes each); the stamp's
 * wall (zig-zag), counter and node; the device id unless it is the stamp's node; operator, seq and clock correction
 * if present. {@code OpCodecTest} fails when {@link CheckInOp} gains a component this codec does not write.
 */
final class OpCodec {
    static final byte VERSION = 1;
    private static final byte JSON_START = '{';
    private static final int EVENT = 1;
    private static final int DEVICE = 1 << 1;
    private static final int OPERATOR = 1 << 2;
    private static final int SEQ = 1 << 3;
    private static final int CLOCK_CORRECTED = 1 << 4;

    private OpCodec() {
    }

    static byte[] encode(CheckInOp op) {
        RecordBytes.Out out = new RecordBytes.Out(64 + 16 * op.observed().size());
        out.put(VERSION);
        out.uuid(op.opId());
        out.uuid(op.participantId());
        boolean deviceNotNode = !op.deviceId().equals(op.hlc().node());
        int present = (op.eventId() != null ? EVENT : 0) | (deviceNotNode ? DEVICE : 0)
                | (op.operator() != null ? OPERATOR : 0) | (op.seq() != null ? SEQ : 0)
                | (op.clockCorrectedMs() != null ? CLOCK_CORRECTED : 0);
        out.varint(present);
        if (op.eventId() != null) {
            out.uuid(op.eventId());
        }
        out.varlong(RecordBytes.zigzag(op.day().toEpochDay()));
        out.string(op.action().wire());
        out.varint(op.observed().size());
        for (UUID id : op.observed()) {
            out.uuid(id);
        }
        out.varlong(RecordBytes.zigzag(op.hlc().wall()));
        out.varint(op.hlc().counter());
        out.string(op.hlc().node());
        if (deviceNotNode) {
            out.string(op.deviceId());
        }
        if (op.operator() != null) {
            out.string(op.operator());
        }
        if (op.seq() != null) {
            out.varlong(op.seq());
        }
        if (op.clockCorrectedMs() != null) {
            out.varlong(RecordBytes.zigzag(op.clockCorrectedMs()));
        }
        return out.bytes();
    }

    /** An op as stored: a record, or JSON written before this form existed. */
    static CheckInOp decode(byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == JSON_START) {
            return Json.read(bytes, CheckInOp.class);
        }
        RecordBytes.In in = new RecordBytes.In(bytes, "check-in op record");
        byte version = in.get();
        if (version != VERSION) {
            throw new IllegalStateException("check-in op record version " + version + " is not known to this build");
        }
        UUID opId = in.uuid();
        UUID participantId = in.uuid();
        int present = in.varint();
        UUID eventId = (present & EVENT) != 0 ? in.uuid() : null;
        LocalDate day = LocalDate.ofEpochDay(RecordBytes.unzigzag(in.varlong()));
        CheckInAction action = CheckInAction.from(in.string());
        int observedCount = in.varint();
        Set<UUID> observed = new LinkedHashSet<>(observedCount * 2);
        for (int i = 0; i < observedCount; i++) {
            observed.add(in.uuid());
        }
        Hlc hlc = new Hlc(RecordBytes.unzigzag(in.varlong()), in.varint(), in.string());
        String deviceId = (present & DEVICE) != 0 ? in.string() : null;
        String operator = (present & OPERATOR) != 0 ? in.string() : null;
        Long seq = (present & SEQ) != 0 ? in.varlong() : null;
        Long clockCorrected = (present & CLOCK_CORRECTED) != 0 ? RecordBytes.unzigzag(in.varlong()) : null;
        if (!in.atEnd()) {
            throw new IllegalStateException("check-in op record has " + in.remaining() + " bytes left over");
        }
        return new CheckInOp(opId, eventId, participantId, day, action, observed, hlc, deviceId, operator, seq,
                clockCorrected);
    }
}
