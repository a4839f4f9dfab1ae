package dev.lanyard.model.protocol;

import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.PrizeDrawing;
import dev.lanyard.model.Require;
import dev.lanyard.model.ScanAttempt;
import java.util.List;

/**
 * A batch a device pushes: check-in ops (the contract's {@code ops}) and, alongside, the
 * participant patches (walk-ins, edits), drawings and scan attempts it made offline. Every
 * item carries its own id and is stored once.
 */
public record PushRequest(String deviceId, List<CheckInOp> ops, List<ParticipantPatch> patches,
                          List<PrizeDrawing> drawings, List<ScanAttempt> scanAttempts) {
    public static final int MAX_ITEMS = 5_000;

    public PushRequest {
        Require.optionalText(deviceId, "deviceId", 64);
        ops = copy(ops, "ops");
        patches = copy(patches, "patches");
        drawings = copy(drawings, "drawings");
        scanAttempts = copy(scanAttempts, "scanAttempts");
        if (ops.size() + patches.size() + drawings.size() + scanAttempts.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("a push carries at most " + MAX_ITEMS + " items; split the batch");
        }
    }

    public static PushRequest ofOps(String deviceId, List<CheckInOp> ops) {
        return new PushRequest(deviceId, ops, null, null, null);
    }

    public int size() {
        return ops.size() + patches.size() + drawings.size() + scanAttempts.size();
    }

    private static <T> List<T> copy(List<T> items, String field) {
        return items == null ? List.of() : List.copyOf(Require.atMost(items, MAX_ITEMS, field));
    }
}
