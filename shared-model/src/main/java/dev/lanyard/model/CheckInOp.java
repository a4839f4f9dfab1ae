package dev.lanyard.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lanyard.model.clock.Hlc;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * One entry of the append-only check-in log, the source of truth for who is in.
 *
 * <p>{@code observed} holds the check-in op ids that were live for this participant-day on the
 * device when it made the op. An UNDO cancels exactly those; a CHECK_IN with an empty set is a
 * first admission, with a non-empty set a re-entry.
 *
 * @param eventId   may be absent on the wire, where the URL names the event
 * @param deviceId  defaults to the node of {@code hlc}
 * @param seq       the server's change-feed position once accepted; absent before that
 * @param clockCorrectedMs set when the device made the op with a wall clock that was off and
 *                  later moved its stamp by this much (ms) to the server's time: the time shown
 *                  for it is an estimate. Absent for ordinary ops. Check-ins count regardless
 *                  (the flag is enable-wins), so this only marks the displayed time.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckInOp(UUID opId, UUID eventId, UUID participantId, LocalDate day, CheckInAction action,
                        Set<UUID> observed, Hlc hlc, String deviceId, String operator, Long seq,
                        Long clockCorrectedMs) {
    /** More is not a real door: a participant-day never has this many live admissions. */
    public static final int MAX_OBSERVED = 256;

    public CheckInOp(UUID opId, UUID eventId, UUID participantId, LocalDate day, CheckInAction action,
                     Set<UUID> observed, Hlc hlc, String deviceId, String operator, Long seq) {
        this(opId, eventId, participantId, day, action, observed, hlc, deviceId, operator, seq, null);
    }

    public CheckInOp {
        Require.present(opId, "opId");
        Require.present(participantId, "participantId");
        Require.present(day, "day");
        Require.present(action, "action");
        Require.present(hlc, "hlc");
        Require.atMost(observed, MAX_OBSERVED, "observed");
        observed = ObservedIds.of(observed);
        if (observed.contains(opId)) {
            throw new IllegalArgumentException("observed must not contain the op's own id");
        }
        if (action == CheckInAction.UNDO && observed.isEmpty()) {
            throw new IllegalArgumentException("observed must name the check-ins an UNDO cancels");
        }
        deviceId = deviceId == null ? hlc.node() : Require.text(deviceId, "deviceId", Hlc.MAX_NODE_LENGTH);
        Require.optionalText(operator, "operator", 100);
        if (seq != null) {
            Require.nonNegative(seq, "seq");
        }
    }

    public static CheckInOp checkIn(UUID eventId, UUID participantId, LocalDate day, Set<UUID> observed, Hlc hlc,
            String operator) {
        return new CheckInOp(Ids.newId(), eventId, participantId, day, CheckInAction.CHECK_IN, observed, hlc, null,
                operator, null);
    }

    public static CheckInOp undo(UUID eventId, UUID participantId, LocalDate day, Set<UUID> observed, Hlc hlc,
            String operator) {
        return new CheckInOp(Ids.newId(), eventId, participantId, day, CheckInAction.UNDO, observed, hlc, null,
                operator, null);
    }

    public boolean isCheckIn() {
        return action == CheckInAction.CHECK_IN;
    }

    /** A CHECK_IN made while the device already saw a live admission of the same day. */
    public boolean isReentry() {
        return action == CheckInAction.CHECK_IN && !observed.isEmpty();
    }

    public CheckInOp withEventId(UUID id) {
        return new CheckInOp(opId, id, participantId, day, action, observed, hlc, deviceId, operator, seq,
                clockCorrectedMs);
    }

    public CheckInOp withSeq(long newSeq) {
        return new CheckInOp(opId, eventId, participantId, day, action, observed, hlc, deviceId, operator, newSeq,
                clockCorrectedMs);
    }

    public CheckInOp withoutSeq() {
        return new CheckInOp(opId, eventId, participantId, day, action, observed, hlc, deviceId, operator, null,
                clockCorrectedMs);
    }

    /**
     * The same op stamped anew after its device learned its clock was off: same id, so the
     * server and every replica still hold it once; the correction adds up over re-stamps.
     */
    public CheckInOp restamped(Hlc stamp) {
        long moved = stamp.wall() - hlc.wall() + (clockCorrectedMs == null ? 0 : clockCorrectedMs);
        return new CheckInOp(opId, eventId, participantId, day, action, observed, stamp, deviceId, operator, seq,
                moved);
    }

    /**
     * The same op as far as the merge is concerned: the server's seq and the event id filled in from the URL do not
     * count.
     */
    public boolean sameContentAs(CheckInOp other) {
        return opId.equals(other.opId) && participantId.equals(other.participantId) && day.equals(other.day)
                && action == other.action && observed.equals(other.observed) && hlc.equals(other.hlc)
                && deviceId.equals(other.deviceId);
    }
}
