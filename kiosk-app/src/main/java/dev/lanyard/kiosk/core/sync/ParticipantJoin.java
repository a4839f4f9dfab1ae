package dev.lanyard.kiosk.core.sync;

import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantField;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.merge.ParticipantMerge;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Joins a participant received from the change feed (registers with their stamps) into the
 * one held here, field by field, with shared-model's {@link ParticipantMerge}: each group of
 * fields the remote side stamped alike is replayed as the patch that wrote it. The result is
 * the same whichever side saw which write first, which is what lets a door keep its own
 * unsent edits while it takes in the server's.
 */
final class ParticipantJoin {
    /** Replayed patches are never stored or sent: their id only has to be well-formed. */
    private static final UUID REPLAY = new UUID(0, 0);

    private ParticipantJoin() {
    }

    static Participant join(Participant local, Participant remote) {
        Map<Hlc, Map<String, String>> byStamp = new TreeMap<>();
        for (Map.Entry<String, Hlc> stamp : remote.stamps().entrySet()) {
            if (ParticipantField.byWire(stamp.getKey()).isEmpty() && !ParticipantField.isCustom(stamp.getKey())) {
                // a field a newer server knows and this version does not: it has no value here to replay, and a patch
                // naming it is refused, which stopped the door's pull at this entry for good (ADR 0335)
                continue;
            }
            byStamp.computeIfAbsent(stamp.getValue(), s -> new HashMap<>())
                    .put(stamp.getKey(), ParticipantField.read(remote, stamp.getKey()));
        }
        Participant result = local;
        for (Map.Entry<Hlc, Map<String, String>> write : byStamp.entrySet()) {
            result = ParticipantMerge.apply(result, new ParticipantPatch(REPLAY, remote.eventId(), remote.id(),
                    write.getValue(),
                    write.getKey(), null));
        }
        return result;
    }
}
