package dev.lanyard.kiosk.core;

import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantField;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.merge.ParticipantMerge;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Staff corrections at the door (a misspelt name, a new company) as last-writer-wins patches
 * stamped by this device's HLC; shared-model's {@link ParticipantMerge} decides every field.
 */
public final class ParticipantEditService {
    /** Fields only the server or the walk-in flow set. */
    private static final Set<String> NOT_EDITABLE = Set.of(ParticipantField.MERGED_INTO.wire(), ParticipantField.SOURCE.wire(),
            ParticipantField.TICKET_CODE.wire());
    private final Replica replica;
    private final DeviceClock hlc;
    private final Clock clock;
    private final Executor executor;
    private final Runnable outboxWake;
    private final ReplicaEvents events;

    public ParticipantEditService(Replica replica, DeviceClock hlc, Clock clock, Executor executor, Runnable outboxWake, ReplicaEvents events) {
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
        for (String name : fields.keySet()) {
            if (NOT_EDITABLE.contains(name)) {
                throw new IllegalArgumentException("fields." + name + " cannot be edited at the door");
            }
        }
        return replica.write(tx -> {
            Participant current = CheckInService.participant(tx, eventId, participantId);
            ParticipantPatch patch = new ParticipantPatch(Ids.newId(), eventId, participantId, fields, hlc.stamp(tx), null);
            Participant edited = ParticipantMerge.apply(current, patch);
            ParticipantStore.update(tx, edited);
            OutboxStore.add(tx, eventId, OutboxStore.Kind.PATCH, patch.patchId(), participantId, Json.write(patch), clock.millis());
            tx.afterCommit(() -> events.participantsChanged(eventId, List.of(edited)));
            tx.afterCommit(outboxWake);
            return edited;
        });
    }
}
