package dev.lanyard.model.merge;

import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantField;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.clock.Hlc;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Participant fields as last-writer-wins registers ordered by HLC (wall, counter, node).
 *
 * <p>Each field keeps the stamp of the write that set it; a patch sets a field only if its
 * stamp is later. The node id inside the HLC breaks ties between devices, so every replica
 * picks the same winner. Two different writes with the identical HLC cannot come from a
 * correct clock; should they arrive anyway, the greater value wins so the choice is still the
 * same everywhere.
 *
 * <p>Anonymization is a tombstone, not a write that a later one can overturn: once the
 * {@code anonymized} register is set (its stamp is the greatest anonymization's, as for any
 * register), every personal register holds the anonymized value with the tombstone's stamp,
 * custom answers are gone with their stamps, and writes to them are void. The personal
 * registers are thus a function of the tombstone alone, the other registers stay plain LWW,
 * and the state is still a pure function of the patch set, whatever the order or the stamps
 * (ADR 0008).
 */
public final class ParticipantMerge {
    private static final List<String> PERSONAL = List.of(ParticipantField.NAME.wire(), ParticipantField.EMAIL.wire(),
            ParticipantField.PHONE.wire(), ParticipantField.COMPANY.wire());

    private ParticipantMerge() {
    }

    public static Participant apply(Participant current, ParticipantPatch patch) {
        if (!current.id().equals(patch.participantId())) {
            throw new IllegalArgumentException("patch for " + patch.participantId() + " applied to " + current.id());
        }
        Participant result = current;
        for (Map.Entry<String, String> write : patch.fields().entrySet()) {
            String field = write.getKey();
            if (wins(patch.hlc(), write.getValue(), result.stampOf(field), ParticipantField.read(result, field))) {
                result = ParticipantField.write(result, field, write.getValue(), patch.hlc());
            }
        }
        return result.anonymized() ? forgotten(result) : result;
    }

    /** The participant as its tombstone dictates: applied after every patch, so arrival order cannot matter. */
    private static Participant forgotten(Participant p) {
        Hlc tombstone = p.stampOf(ParticipantField.ANONYMIZED.wire());
        Map<String, Hlc> stamps = new TreeMap<>(p.stamps());
        stamps.keySet().removeIf(field -> field.startsWith(ParticipantField.CUSTOM_PREFIX));
        for (String field : PERSONAL) {
            stamps.put(field, tombstone);
        }
        Participant forgotten = new Participant(p.id(), p.eventId(), Participant.ANONYMIZED_NAME, null, null, null,
                Map.of(),
                p.registrationNumber(), p.ticketCode(), p.registrationStatus(), p.source(), p.mergedInto(), stamps);
        return forgotten.equals(p) ? p : forgotten;
    }

    /** The participant as every replica holding these patches sees it. */
    public static Participant fold(UUID participantId, UUID eventId, Iterable<ParticipantPatch> patches) {
        Participant result = Participant.blank(participantId, eventId);
        for (ParticipantPatch patch : patches) {
            result = apply(result, patch);
        }
        return result;
    }

    static boolean wins(Hlc candidateStamp, String candidateValue, Hlc currentStamp, String currentValue) {
        int byStamp = candidateStamp.compareTo(currentStamp);
        if (byStamp != 0) {
            return byStamp > 0;
        }
        if (Objects.equals(candidateValue, currentValue)) {
            return false;
        }
        if (currentValue == null) {
            return true;
        }
        return candidateValue != null && candidateValue.compareTo(currentValue) > 0;
    }
}
