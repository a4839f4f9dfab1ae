package dev.lanyard.server.sync;

import dev.lanyard.server.errors.InvalidInputException;
import dev.lanyard.server.errors.NotFoundException;
import static dev.lanyard.server.db.jooq.Tables.EMAIL_OUTBOX;
import static dev.lanyard.server.db.jooq.Tables.CHANGE_LOG;
import static dev.lanyard.server.db.jooq.Tables.DRAWING_VERSION;
import static dev.lanyard.server.db.jooq.Tables.LANYARD_EVENT;
import static dev.lanyard.server.db.jooq.Tables.PARTICIPANT;
import static dev.lanyard.server.db.jooq.Tables.PARTICIPANT_PATCH;
import static dev.lanyard.server.db.jooq.Tables.PRIZE_DRAWING;
import static dev.lanyard.server.db.jooq.Tables.SCAN_ATTEMPT;

import dev.lanyard.model.Event;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantField;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.PrizeDrawing;
import dev.lanyard.model.clock.HybridLogicalClock;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.merge.DrawingMerge;
import dev.lanyard.model.protocol.ChangeType;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.model.protocol.OpStatus;
import dev.lanyard.server.db.Database;
import dev.lanyard.server.feed.FeedAppender;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.BatchBindStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removing identity: anonymizing one participant on request, and purging every participant of
 * an event once its retention period is over. Check-ins and statistics stay. Anonymizing is a
 * tombstone (the {@code anonymized} register, ADR 0008) that goes out through the feed like any
 * change, so kiosk replicas lose the data too and no later patch can bring it back; then the
 * history is scrubbed: older feed entries of the participant are rewritten to the anonymized
 * version, stored patches are blanked, and drawings name the participant as anonymized in every
 * stored version and feed entry, so a bootstrap from seq 0 no longer delivers the name that was
 * removed.
 */
public final class PersonalData {
    private static final Logger LOG = LoggerFactory.getLogger(PersonalData.class);
    /**
     * What a stored patch body becomes once scrubbed; a retry of such a patch is answered as it was first (accepted,
     * same seq).
     */
    public static final String SCRUBBED = "{\"scrubbed\":true}";
    public static final String ANONYMIZED_NAME = Participant.ANONYMIZED_NAME;
    /**
     * Why a device or an edit cannot set the tombstone: it cannot be undone, and only the
     * anonymize action (audited, for organizers) also scrubs the history.
     */
    public static final String ONLY_BY_ANONYMIZING =
            "fields.anonymized is set only by anonymizing the participant (POST .../anonymize)";
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

    /**
     * Anonymizes the participant and every record merged into it (a walk-in registered at a door with a registered
     * email is the same person, ADR 0202): erasing someone left their walk-in record's name, email and phone behind.
     */
    public Participant anonymize(Event event, UUID id) {
        Participant p = participants.find(event.id(), id).orElseThrow(() -> new NotFoundException("participant"));
        List<UUID> erased = new ArrayList<>();
        erased.add(id);
        erased.addAll(mergedInto(event.id(), id));
        List<ParticipantPatch> tombstones = new ArrayList<>();
        for (UUID one : erased) {
            tombstones.add(anonymizing(event, one.equals(id) ? p : participants.find(event.id(), one).orElseThrow()));
        }
        for (OpResult result : push.push(event, PushService.Batch.ofPatches(tombstones)).patches()) {
            if (result.status() == OpStatus.REJECTED) {
                throw new InvalidInputException(result.reason());
            }
        }
        scrub(event, erased);
        return participants.find(event.id(), id).orElseThrow();
    }

    /** The event's records found to be duplicates of {@code canonical}. */
    private List<UUID> mergedInto(UUID eventId, UUID canonical) {
        return db.dsl().select(PARTICIPANT.ID).from(PARTICIPANT)
                .where(PARTICIPANT.EVENT_ID.eq(eventId).and(PARTICIPANT.MERGED_INTO.eq(canonical)))
                .fetch(PARTICIPANT.ID);
    }

    /** The tombstone: the merge rules clear every personal field under it, whatever was written before or after. */
    private ParticipantPatch anonymizing(Event event, Participant p) {
        return new ParticipantPatch(Ids.newId(), event.id(), p.id(),
                Map.of(ParticipantField.ANONYMIZED.wire(), "true"), clock.now(), null);
    }

    /** Rewrites the participants' older feed entries to their current version and blanks their stored patches. */
    void scrub(Event event, Collection<UUID> ids) {
        db.dsl().transaction(cfg -> {
            DSLContext tx = cfg.dsl();
            Map<UUID, String> current = new HashMap<>();
            for (List<UUID> chunk : Chunks.of(ids)) {
                tx.select(PARTICIPANT.ID, PARTICIPANT.BODY).from(PARTICIPANT).where(PARTICIPANT.ID.in(chunk))
                        .forEach(r -> current.put(r.value1(), r.value2()));
                tx.update(PARTICIPANT_PATCH).set(PARTICIPANT_PATCH.BODY, SCRUBBED)
                        .where(PARTICIPANT_PATCH.PARTICIPANT_ID.in(chunk)).execute();
            }
            rewrite(tx, event.id(), current);
            scrubDrawings(tx, event.id(), new HashSet<>(ids));
        });
    }

    /**
     * Every stored form of the event's drawings (current, each version, each feed entry) names
     * anonymized winners as such. A version pushed again later is compared with its stored body
     * after the same treatment ({@code PushService}), so its retry is still recognised.
     */
    private static void scrubDrawings(DSLContext tx, UUID eventId, Set<UUID> anonymized) {
        if (anonymized.isEmpty()) {
            return;
        }
        rewriteDrawings(tx, PRIZE_DRAWING, PRIZE_DRAWING.BODY, PRIZE_DRAWING.EVENT_ID.eq(eventId), anonymized,
                PRIZE_DRAWING.DRAWING_ID);
        rewriteDrawings(tx, DRAWING_VERSION, DRAWING_VERSION.BODY, DRAWING_VERSION.EVENT_ID.eq(eventId), anonymized,
                DRAWING_VERSION.DRAWING_ID, DRAWING_VERSION.HLC_WALL, DRAWING_VERSION.HLC_COUNTER,
                DRAWING_VERSION.HLC_NODE);
        rewriteDrawings(tx, CHANGE_LOG, CHANGE_LOG.BODY, CHANGE_LOG.EVENT_ID.eq(eventId)
                .and(CHANGE_LOG.CHANGE_TYPE.eq(ChangeType.DRAWING.wire())),
                anonymized, CHANGE_LOG.EVENT_ID, CHANGE_LOG.SEQ);
    }

    /**
     * Rewrites the drawing bodies of {@code table} rows matching {@code where} that name an anonymized winner; rows are
     * keyed by {@code key}.
     */
    private static void rewriteDrawings(DSLContext tx, Table<?> table, TableField<?, String> body, Condition where,
                                        Set<UUID> anonymized, Field<?>... key) {
        List<Field<?>> columns = new ArrayList<>(List.of(key));
        columns.add(body);
        for (Record r : tx.select(columns).from(table).where(where).fetch()) {
            String stored = r.get(body);
            PrizeDrawing drawing = Json.read(stored, PrizeDrawing.class);
            PrizeDrawing scrubbed = DrawingMerge.withoutNamesOf(drawing, anonymized::contains);
            if (scrubbed == drawing) {
                continue;
            }
            Condition row = DSL.noCondition();
            for (Field<?> k : key) {
                row = row.and(equal(k, r.get(k)));
            }
            tx.update(table).set(body, Json.write(scrubbed)).where(row).execute();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> Condition equal(Field<T> field, Object value) {
        return field.eq((T) value);
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

    /**
     * Purges every event whose end date plus retention days lies before today. An event whose
     * purge left personal data behind keeps no marker and is tried again by the next sweep.
     */
    public List<Purged> purgeExpired() {
        LocalDate today = LocalDate.now(wall);
        List<Purged> purged = new ArrayList<>();
        List<UUID> candidates = db.dsl().select(LANYARD_EVENT.ID).from(LANYARD_EVENT)
                .where(LANYARD_EVENT.PURGED_AT.isNull()).fetch(LANYARD_EVENT.ID);
        for (UUID id : candidates) {
            Event event = events.find(id).orElse(null);
            // counted in days between, not added to the end date: nothing a stored event holds can overflow here
            if (event != null && event.retentionDays() != null
                    && java.time.temporal.ChronoUnit.DAYS.between(event.endDate(), today) > event.retentionDays()) {
                try {
                    List<String> left = purge(event);
                    if (left.isEmpty()) {
                        purged.add(new Purged(id, participantCount(id)));
                    } else {
                        LOG.warn("retention purge of event {} is incomplete, the next sweep tries again; left: {}", id,
                                left);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("retention purge of event {} failed, the next sweep tries again", id, e);
                }
            }
        }
        return purged;
    }

    private int participantCount(UUID eventId) {
        return db.dsl().fetchCount(PARTICIPANT, PARTICIPANT.EVENT_ID.eq(eventId));
    }

    /**
     * Anonymizes everyone in the event, scrubs its history, then re-reads it and sets the
     * event's purge marker only if every anonymizing patch was accepted and nobody carries
     * personal data any more.
     *
     * @return what is left (empty when the event is purged)
     */
    List<String> purge(Event event) {
        List<Participant> people = new ArrayList<>();
        participants.forEach(event.id(), people::add);
        List<ParticipantPatch> patches = new ArrayList<>();
        List<OpResult> answers = new ArrayList<>();
        for (Participant p : people) {
            if (!p.anonymized() || p.hasPersonalData()) {
                patches.add(anonymizing(event, p));
            }
            if (patches.size() == 2_000) {
                answers.addAll(push.push(event, PushService.Batch.ofPatches(patches)).patches());
                patches = new ArrayList<>();
            }
        }
        if (!patches.isEmpty()) {
            answers.addAll(push.push(event, PushService.Batch.ofPatches(patches)).patches());
        }
        return db.inTransaction(tx -> {
            // the feed lock keeps pushes (a walk-in arriving now) out until the check below has committed
            FeedAppender.lock(tx, event.id());
            Map<UUID, String> current = new HashMap<>();
            tx.select(PARTICIPANT.ID, PARTICIPANT.BODY).from(PARTICIPANT).where(PARTICIPANT.EVENT_ID.eq(event.id()))
                    .forEach(r -> current.put(r.value1(), r.value2()));
            List<Participant> reread = new ArrayList<>(current.size());
            current.values().forEach(body -> reread.add(Json.read(body, Participant.class)));
            rewrite(tx, event.id(), current);
            tx.update(PARTICIPANT_PATCH).set(PARTICIPANT_PATCH.BODY, SCRUBBED)
                    .where(PARTICIPANT_PATCH.EVENT_ID.eq(event.id())).execute();
            Set<UUID> anonymized = new HashSet<>();
            reread.stream().filter(Participant::anonymized).forEach(p -> anonymized.add(p.id()));
            scrubDrawings(tx, event.id(), anonymized);
            tx.deleteFrom(SCAN_ATTEMPT).where(SCAN_ATTEMPT.EVENT_ID.eq(event.id())).execute();
            forgetMailAddresses(tx, event.id());
            List<String> left = leftovers(answers, reread);
            if (left.isEmpty()) {
                tx.update(LANYARD_EVENT).set(LANYARD_EVENT.PURGED_AT, wall.millis())
                        .where(LANYARD_EVENT.ID.eq(event.id())).execute();
            }
            return left;
        });
    }

    /**
     * The mail outbox's addresses go with the rest: a deletion notice kept its person's address until sent, for ever
     * without SMTP (the mail worker cancels a row without one), and an SMTP reply kept as a row's reason may quote one.
     */
    private static void forgetMailAddresses(org.jooq.DSLContext tx, UUID eventId) {
        tx.update(EMAIL_OUTBOX).setNull(EMAIL_OUTBOX.RECIPIENT).where(EMAIL_OUTBOX.EVENT_ID.eq(eventId)).execute();
        tx.update(EMAIL_OUTBOX).set(EMAIL_OUTBOX.REASON, "its text was removed with the event's personal data")
                .where(EMAIL_OUTBOX.EVENT_ID.eq(eventId)).and(EMAIL_OUTBOX.REASON.contains("@")).execute();
    }

    /** What keeps a purge from being complete: refused anonymizing patches, participants still identifiable. */
    static List<String> leftovers(List<OpResult> answers, Collection<Participant> reread) {
        List<String> left = new ArrayList<>();
        for (OpResult answer : answers) {
            if (answer.status() == OpStatus.REJECTED) {
                left.add("anonymizing patch " + answer.opId() + " was refused: " + answer.reason());
            }
        }
        for (Participant p : reread) {
            if (!p.anonymized() || p.hasPersonalData()) {
                left.add("participant " + p.id() + " is not anonymized");
            }
        }
        return left;
    }

    static boolean isScrubbed(String storedBody) {
        return SCRUBBED.equals(storedBody);
    }
}
