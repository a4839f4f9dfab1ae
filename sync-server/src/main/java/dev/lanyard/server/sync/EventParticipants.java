package dev.lanyard.server.sync;

import dev.lanyard.model.Participant;
import dev.lanyard.model.json.Json;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * What one ingest transaction has read or written of participants, so each is read at most twice
 * however many items name it (whom its check-ins count for, then its record if a patch names it):
 * every named participant's event, this event's participants in full, and the participant each
 * one's check-ins count for.
 */
final class EventParticipants {
    private final DSLContext tx;
    private final UUID eventId;
    private final CheckInSql checkInSql;
    private final IngestSql sql;
    private final Map<UUID, Participant> participants = new HashMap<>();
    private final Map<UUID, UUID> participantEvents = new HashMap<>();
    /** Participant id -> the participant its check-ins count for (itself unless merged). */
    private final Map<UUID, UUID> canonicalIds = new HashMap<>();
    /** Characters of JSON behind the records held (read, or written by this transaction). */
    private long heldChars;

    EventParticipants(DSLContext tx, UUID eventId, CheckInSql checkInSql, IngestSql sql) {
        this.tx = tx;
        this.eventId = eventId;
        this.checkInSql = checkInSql;
        this.sql = sql;
    }

    /**
     * Reads those of {@code ids} whose records are not held yet, bodies included. One whose check-ins were read only
     * for whom they count for ({@link #loadRefs}) is read again: without its record, an edit in the same group took it
     * for someone new and its insert broke the primary key (the whole group then written again batch by batch).
     */
    void load(Set<UUID> ids) {
        Set<UUID> missing = new HashSet<>(ids);
        missing.removeIf(id -> participants.containsKey(id)
                || participantEvents.containsKey(id) && !eventId.equals(participantEvents.get(id)));
        long chars = 0;
        for (IngestSql.ParticipantRow row : sql.participantsById.fetch(tx, missing)) {
            participantEvents.put(row.id(), row.eventId());
            chars += row.body().length();
            if (row.eventId().equals(eventId)) {
                Participant p = Json.read(row.body(), Participant.class);
                participants.put(row.id(), p);
                canonicalIds.put(p.id(), p.canonicalId());
            }
        }
        heldChars += chars;
    }

    /**
     * Drops the records held once their JSON passes {@code limit} characters (ADR 0253); a record asked for again is
     * read again by {@link #load}, so only call this when the database holds every record written.
     */
    void forgetRecordsBeyond(long limit) {
        if (heldChars > limit) {
            participants.clear();
            heldChars = 0;
        }
    }

    /** What check-ins need of participants (event, canonical id), without reading their bodies. */
    void loadRefs(Set<UUID> ids) {
        Set<UUID> missing = new HashSet<>(ids);
        missing.removeAll(participantEvents.keySet());
        for (CheckInSql.ParticipantRef ref : checkInSql.participantRefs.fetch(tx, missing)) {
            participantEvents.put(ref.id(), ref.eventId());
            canonicalIds.put(ref.id(), ref.canonicalId());
        }
    }

    /** This event's participant as read or last written, or null (unknown, or another event's). */
    Participant get(UUID id) {
        return participants.get(id);
    }

    /** The event a read participant belongs to, or null when it was not found (or not read). */
    UUID eventOf(UUID id) {
        return participantEvents.get(id);
    }

    boolean isKnown(UUID id) {
        return participantEvents.containsKey(id);
    }

    /** The participant {@code id}'s check-ins count for: itself unless merged. */
    UUID canonicalOf(UUID id) {
        return canonicalIds.getOrDefault(id, id);
    }

    /** Records a participant this transaction has just written, as {@code chars} characters of JSON. */
    void written(Participant p, int chars) {
        participants.put(p.id(), p);
        heldChars += chars;
        participantEvents.put(p.id(), eventId);
        canonicalIds.put(p.id(), p.canonicalId());
    }
}
