package dev.lanyard.server.sync;

import static dev.lanyard.server.db.jooq.Tables.CHANGE_LOG;
import static dev.lanyard.server.db.jooq.Tables.LANYARD_EVENT;
import static dev.lanyard.server.db.jooq.Tables.PARTICIPANT;
import static dev.lanyard.server.db.jooq.Tables.PARTICIPANT_PATCH;
import static dev.lanyard.server.db.jooq.Tables.SCAN_ATTEMPT;

import dev.lanyard.model.Event;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantField;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.clock.HybridLogicalClock;
import dev.lanyard.model.protocol.ChangeType;
import dev.lanyard.model.protocol.OpStatus;
import dev.lanyard.server.db.Database;
import dev.lanyard.server.http.ApiException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;

/**
 * Removing identity: anonymizing one participant on request, and purging every participant of
 * an event once its retention period is over. Check-ins and statistics stay. The new,
 * anonymized version goes out through the feed like any change (so kiosk replicas lose the data
 * too), and the history is scrubbed: older feed entries of the participant are rewritten to the
 * anonymized version and stored patches are blanked, so a bootstrap from seq 0 no longer
 * delivers the name that was removed.
 */
public final class PersonalData {
    /** What a stored patch body becomes once scrubbed; a retry of such a patch is answered as a duplicate. */
    public static final String SCRUBBED = "{\"scrubbed\":true}";
    public static final String ANONYMIZED_NAME = "Anonymized participant";
    private final Database db;
    private final ParticipantService participants;
    private final PushService push;
    private final HybridLogicalClock clock;
    private final EventService events;
    private final Clock wall;

    public PersonalData(Database db, ParticipantService participants, PushService push, HybridLogicalClock clock,
                        EventService events, Clock wall) {
        this.db = db;
        this.participants = participants;
        this.push = push;
        this.clock = clock;
        this.events = events;
        this.wall = wall;
    }

    public Participant anonymize(Event event, UUID id) {
        Participant p = participants.find(event.id(), id).orElseThrow(() -> ApiException.notFound("participant"));
        var result = push.push(event, PushService.Batch.ofPatches(List.of(anonymizing(event, p)))).patches().get(0);
        if (result.status() == OpStatus.REJECTED) {
            throw ApiException.badRequest(result.reason());
        }
        scrub(event, List.of(id));
        return participants.find(event.id(), id).orElseThrow();
    }

    private ParticipantPatch anonymizing(Event event, Participant p) {
        Map<String, String> fields = new HashMap<>();
        fields.put(ParticipantField.NAME.wire(), ANONYMIZED_NAME);
        fields.put(ParticipantField.EMAIL.wire(), null);
        fields.put(ParticipantField.PHONE.wire(), null);
        fields.put(ParticipantField.COMPANY.wire(), null);
        p.customAnswers().keySet().forEach(k -> fields.put(ParticipantField.CUSTOM_PREFIX + k, null));
        return new ParticipantPatch(Ids.newId(), event.id(), p.id(), fields, clock.now(), null);
    }

    /** Rewrites the participants' older feed entries to their current version and blanks their stored patches. */
    void scrub(Event event, Collection<UUID> ids) {
        db.dsl().transaction(cfg -> {
            DSLContext tx = cfg.dsl();
            Map<UUID, String> current = new HashMap<>();
            for (List<UUID> chunk : PushService.chunks(ids)) {
                tx.select(PARTICIPANT.ID, PARTICIPANT.BODY).from(PARTICIPANT).where(PARTICIPANT.ID.in(chunk))
                        .forEach(r -> current.put(r.value1(), r.value2()));
                tx.update(PARTICIPANT_PATCH).set(PARTICIPANT_PATCH.BODY, SCRUBBED).where(PARTICIPANT_PATCH.PARTICIPANT_ID.in(chunk)).execute();
            }
            rewrite(tx, event.id(), current);
        });
    }

    private static void rewrite(DSLContext tx, UUID eventId, Map<UUID, String> current) {
        BatchBindStep batch = tx.batch(tx.update(CHANGE_LOG).set(CHANGE_LOG.BODY, (String) null)
                .where(CHANGE_LOG.EVENT_ID.eq((UUID) null)).and(CHANGE_LOG.SEQ.eq((Long) null)));
        int[] pending = {0};
        tx.select(CHANGE_LOG.SEQ, CHANGE_LOG.ENTITY_ID).from(CHANGE_LOG).where(CHANGE_LOG.EVENT_ID.eq(eventId))
                .and(CHANGE_LOG.CHANGE_TYPE.eq(ChangeType.PARTICIPANT.wire())).fetch().forEach(r -> {
                    String body = current.get(r.value2());
                    if (body != null) {
                        batch.bind(body, eventId, r.value1());
                        pending[0]++;
                    }
                });
        if (pending[0] > 0) {
            batch.execute();
        }
    }

    public record Purged(UUID eventId, int participants) {
    }

    /** Purges every event whose end date plus retention days lies before today. */
    public List<Purged> purgeExpired() {
        LocalDate today = LocalDate.now(wall);
        List<Purged> purged = new ArrayList<>();
        List<UUID> candidates = db.dsl().select(LANYARD_EVENT.ID).from(LANYARD_EVENT).where(LANYARD_EVENT.PURGED_AT.isNull()).fetch(LANYARD_EVENT.ID);
        for (UUID id : candidates) {
            Event event = events.find(id).orElseThrow();
            if (event.retentionDays() != null && event.endDate().plusDays(event.retentionDays()).isBefore(today)) {
                purged.add(new Purged(id, purge(event)));
            }
        }
        return purged;
    }

    int purge(Event event) {
        List<Participant> people = new ArrayList<>();
        participants.forEach(event.id(), people::add);
        List<ParticipantPatch> patches = new ArrayList<>();
        for (Participant p : people) {
            if (!ANONYMIZED_NAME.equals(p.name()) || p.email() != null || p.phone() != null || p.company() != null || !p.customAnswers().isEmpty()) {
                patches.add(anonymizing(event, p));
            }
            if (patches.size() == 2_000) {
                push.push(event, PushService.Batch.ofPatches(patches));
                patches = new ArrayList<>();
            }
        }
        if (!patches.isEmpty()) {
            push.push(event, PushService.Batch.ofPatches(patches));
        }
        db.dsl().transaction(cfg -> {
            DSLContext tx = cfg.dsl();
            Map<UUID, String> current = new HashMap<>();
            tx.select(PARTICIPANT.ID, PARTICIPANT.BODY).from(PARTICIPANT).where(PARTICIPANT.EVENT_ID.eq(event.id()))
                    .forEach(r -> current.put(r.value1(), r.value2()));
            rewrite(tx, event.id(), current);
            tx.update(PARTICIPANT_PATCH).set(PARTICIPANT_PATCH.BODY, SCRUBBED).where(PARTICIPANT_PATCH.EVENT_ID.eq(event.id())).execute();
            tx.deleteFrom(SCAN_ATTEMPT).where(SCAN_ATTEMPT.EVENT_ID.eq(event.id())).execute();
            tx.update(LANYARD_EVENT).set(LANYARD_EVENT.PURGED_AT, wall.millis()).where(LANYARD_EVENT.ID.eq(event.id())).execute();
        });
        return people.size();
    }

    static boolean isScrubbed(String storedBody) {
        return SCRUBBED.equals(storedBody);
    }
}
