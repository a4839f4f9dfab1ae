package dev.lanyard.kiosk.core.edit;

import dev.lanyard.kiosk.core.checkin.CheckInService;
import dev.lanyard.kiosk.core.clock.DeviceClock;
import dev.lanyard.kiosk.core.events.ReplicaEvents;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.PeerLogStore;
import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.model.FieldAuthority;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantField;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.merge.ParticipantMerge;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Staff corrections at the door (a misspelt name, a new company) as last-writer-wins patches
 * stamped by this device's HLC; shared-model's {@link ParticipantMerge} decides every field.
 * Only what {@link FieldAuthority} lets a door change is taken.
 */
public final class ParticipantEditService {
    private final Replica replica;
    private final DeviceClock hlc;
    private final Clock clock;
    private final Executor executor;
    private final Runnable outboxWake;
    private final ReplicaEvents events;

    public ParticipantEditService(Replica replica, DeviceClock hlc, Clock clock, Executor executor,
            Runnable outboxWake, ReplicaEvents events) {
        this.replica = replica;
        this.hlc = hlc;
        this.clock = clock;
        this.executor = executor;
        this.outboxWake = outboxWake;
        this.events = events;
    }

    /** @param fields wire field name -> new value (null clears it); see {@link ParticipantField} */
    public CompletableFuture<Participant> edit(UUID eventId, UUID participantId, Map<String, String> fields) {
        return CompletableFuture.supplyAsync(() -> editNow(eventId, participantId, fields), executor);
    }

    Participant editNow(UUID eventId, UUID participantId, Map<String, String> fields) {
        for (Map.Entry<String, String> field : fields.entrySet()) {
            ParticipantField.validate(field.getKey(), field.getValue());
            // the server refuses the rest from a door; queued, they would only come back as dead letters
            if (!FieldAuthority.doorMayEdit(field.getKey())) {
                throw new IllegalArgumentException("fields." + field.getKey() + " cannot be edited at the door");
            }
        }
        return replica.write(tx -> {
            Participant current = CheckInService.participant(tx, eventId, participantId);
            ParticipantPatch patch = new ParticipantPatch(Ids.newId(), eventId, participantId, fields, hlc.stamp(tx),
                    null);
            Participant edited = ParticipantMerge.apply(current, patch);
            ParticipantStore.update(tx, edited);
            OutboxStore.add(tx, eventId, OutboxStore.Kind.PATCH, patch.patchId(), participantId, Json.write(patch),
                    clock.millis());
            PeerLogStore.made(tx, eventId, patch.hlc().node(), OutboxStore.Kind.PATCH, patch.patchId(),
                    Json.write(patch));
            tx.afterCommit(() -> events.participantsChanged(eventId, List.of(edited)));
            tx.afterCommit(outboxWake);
            return edited;
        });
    }
}
