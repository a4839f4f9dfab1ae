package dev.lanyard.server.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Items a device pushes in other devices' names (what a kiosk gives back to a restored server,
 * ADR 0313; later, what doors relay for their peers) are written with the pushing device's
 * authority and recorded in the audit log under it, naming the devices they claim.
 */
public final class RelayAudit {
    private static final int MAX_SUBJECT = 200;
    private final AuditLog audit;

    public RelayAudit(AuditLog audit) {
        this.audit = audit;
    }

    public void record(String relayer, String relayerDeviceId, UUID eventId, PushService.Batch batch) {
        List<String> claimed = new ArrayList<>();
        batch.ops().forEach(op -> claimed.add(op.deviceId()));
        batch.patches().forEach(patch -> claimed.add(patch.deviceId()));
        batch.drawings().forEach(drawing -> claimed.add(drawing.deviceId()));
        batch.attempts().forEach(attempt -> claimed.add(attempt.deviceId()));
        claimed.removeIf(relayerDeviceId::equalsIgnoreCase);
        if (claimed.isEmpty()) {
            return;
        }
        String subject = claimed.size() + " items of " + String.join(", ", new TreeSet<>(claimed));
        audit.record(relayer, "relay", eventId, subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT - 1)
                + "…" : subject);
    }
}
