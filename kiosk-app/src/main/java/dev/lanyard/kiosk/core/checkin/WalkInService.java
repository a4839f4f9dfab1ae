package dev.lanyard.kiosk.core.checkin;

import dev.lanyard.kiosk.core.clock.DeviceClock;
import dev.lanyard.kiosk.core.events.ReplicaEvents;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.PeerLogStore;
import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.model.Event;
import dev.lanyard.model.FormField;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantField;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.ParticipantSource;
import dev.lanyard.model.RegistrationStatus;
import dev.lanyard.model.TicketCodes;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.merge.ParticipantMerge;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Registers walk-ins offline: a new participant with its own id ({@link Ids#newId()}) and
 * ticket code ({@link TicketCodes#generate()}), written as one {@link ParticipantPatch} that
 * sets every field, so it merges like any other write. If the email is already registered,
 * the server marks the walk-in as merged into that registration when the patch arrives (never
 * dropping either); this door is then told by a conflict notice. {@link Result#sameEmail}
 * lets staff spot the duplicate at once when the replica already knows it.
 */
public final class WalkInService {
    private final Replica replica;
    private final DeviceClock hlc;
    private final Clock clock;
    private final Executor executor;
    private final Runnable outboxWake;
    private final ReplicaEvents events;
    private final CheckInService checkIns;

    public WalkInService(Replica replica, DeviceClock hlc, Clock clock, Executor executor, Runnable outboxWake,
                         ReplicaEvents events,
                         CheckInService checkIns) {
        this.replica = replica;
        this.hlc = hlc;
        this.clock = clock;
        this.executor = executor;
        this.outboxWake = outboxWake;
        this.events = events;
        this.checkIns = checkIns;
    }

    /**
     * @param participant the new participant as stored here
     * @param sameEmail   participants of the event already registered with the same email
     * @param admission   the check-in made with the registration, when asked for
     */
    public record Result(Participant participant, List<Participant> sameEmail, ScanResult admission) {
    }

    /** Registers, and admits for {@code day} (null: today) when {@code admitNow}. */
    public CompletableFuture<Result> register(UUID eventId, WalkIn walkIn, boolean admitNow, LocalDate day) {
        return CompletableFuture.supplyAsync(() -> registerNow(eventId, walkIn, admitNow, day), executor);
    }

    Result registerNow(UUID eventId, WalkIn walkIn, boolean admitNow, LocalDate day) {
        return replica.write(tx -> {
            Event event = CheckInService.event(tx, eventId);
            Map<String, String> fields = fields(event, walkIn);
            UUID id = Ids.newId();
            ParticipantPatch patch = new ParticipantPatch(Ids.newId(), eventId, id, fields, hlc.stamp(tx), null);
            Participant created = ParticipantMerge.apply(Participant.blank(id, eventId), patch);
            List<Participant> sameEmail = created.email() == null ? List.of()
                    : ParticipantStore.byEmail(tx, eventId, created.email()).stream()
                    .filter(p -> p.mergedInto() == null).toList();
            ParticipantStore.insert(tx, created);
            OutboxStore.add(tx, eventId, OutboxStore.Kind.PATCH, patch.patchId(), id, Json.write(patch),
                    clock.millis());
            PeerLogStore.made(tx, eventId, patch.hlc().node(), OutboxStore.Kind.PATCH, patch.patchId(),
                    Json.write(patch));
            tx.afterCommit(() -> events.participantsChanged(eventId, List.of(created)));
            tx.afterCommit(outboxWake);
            ScanResult admission = admitNow ? checkIns.checkInNow(eventId, id, day) : null;
            return new Result(created, sameEmail, admission);
        });
    }

    private static Map<String, String> fields(Event event, WalkIn walkIn) {
        Map<String, String> fields = new HashMap<>();
        fields.put(ParticipantField.NAME.wire(), trimmed(walkIn.name()));
        putIfPresent(fields, ParticipantField.EMAIL.wire(), walkIn.email());
        putIfPresent(fields, ParticipantField.PHONE.wire(), walkIn.phone());
        putIfPresent(fields, ParticipantField.COMPANY.wire(), walkIn.company());
        fields.put(ParticipantField.TICKET_CODE.wire(), TicketCodes.generate());
        fields.put(ParticipantField.SOURCE.wire(), ParticipantSource.WALK_IN.wire());
        fields.put(ParticipantField.REGISTRATION_STATUS.wire(), RegistrationStatus.REGISTERED.wire());
        Map<String, FormField> form = new HashMap<>();
        event.formFields().forEach(f -> form.put(f.id(), f));
        for (String key : walkIn.answers().keySet()) {
            if (!form.containsKey(key)) {
                throw new IllegalArgumentException("answers." + key
                        + " is not a walk-in form field of this event (fields: " + form.keySet() + ")");
            }
        }
        for (FormField field : event.formFields()) {
            String answer = trimmed(walkIn.answers().get(field.id()));
            if (answer == null) {
                if (field.required()) {
                    throw new IllegalArgumentException("answers." + field.id() + " (" + field.label()
                            + ") is required");
                }
                continue;
            }
            if (field.type().equals("choice") && !field.options().contains(answer)) {
                throw new IllegalArgumentException("answers." + field.id() + " must be one of " + field.options());
            }
            fields.put(ParticipantField.CUSTOM_PREFIX + field.id(), answer);
        }
        return fields;
    }

    private static void putIfPresent(Map<String, String> fields, String name, String value) {
        String v = trimmed(value);
        if (v != null) {
            fields.put(name, v);
        }
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The participant a walk-in points at when it was merged; for tests and the UI. */
    static boolean isOwnWalkIn(Participant p, String deviceId) {
        return p.source() == ParticipantSource.WALK_IN && p.stampOf(ParticipantField.TICKET_CODE.wire()).node()
                .equals(deviceId);
    }
}
