package dev.lanyard.server.sync;

import dev.lanyard.server.errors.InvalidInputException;
import dev.lanyard.server.errors.NotFoundException;
import static dev.lanyard.server.db.jooq.Tables.EVENT_OPERATOR;
import static dev.lanyard.server.db.jooq.Tables.LANYARD_EVENT;

import dev.lanyard.model.Event;
import dev.lanyard.model.Ids;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.ChangeType;
import dev.lanyard.model.protocol.EventInput;
import dev.lanyard.server.db.Database;
import dev.lanyard.server.feed.ChangeHub;
import dev.lanyard.server.feed.FeedAppender;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/** Events: create, edit, soft-delete, operator assignments. Every change goes into the event's feed. */
public final class EventService {
    private final Database db;
    private final ChangeHub hub;
    private final Clock clock;
    private final java.util.Map<UUID, Parsed> lastParsed = new java.util.concurrent.ConcurrentHashMap<>();

    public EventService(Database db, ChangeHub hub, Clock clock) {
        this.db = db;
        this.hub = hub;
        this.clock = clock;
    }

    public Event create(EventInput input, String organizer) {
        Instant now = clock.instant();
        Event event = toEvent(input, Ids.newId(), organizer, now, now);
        long seq = db.inTransaction(tx -> {
            tx.insertInto(LANYARD_EVENT).set(LANYARD_EVENT.ID, event.id()).set(LANYARD_EVENT.ORGANIZER, organizer)
                    .set(LANYARD_EVENT.DELETED, false).set(LANYARD_EVENT.BODY, Json.write(event))
                    .set(LANYARD_EVENT.UPDATED_AT, now.toEpochMilli()).execute();
            FeedAppender feed = FeedAppender.create(tx, event.id());
            feed.append(ChangeType.EVENT, event.id(), Json.write(event));
            feed.finish();
            return feed.lastSeq();
        });
        hub.publish(event.id(), seq);
        return event;
    }

    public Event update(UUID id, EventInput input) {
        Instant now = clock.instant();
        Event[] result = new Event[1];
        long seq = db.inTransaction(tx -> {
            FeedAppender feed = FeedAppender.lock(tx, id);
            Event current = load(tx, id).filter(e -> !e.isDeleted()).orElseThrow(() -> new NotFoundException("event"));
            Event updated = toEvent(input, id, current.organizer(), current.createdAt(), now);
            write(tx, updated, now);
            feed.append(ChangeType.EVENT, id, Json.write(updated));
            feed.finish();
            result[0] = updated;
            return feed.lastSeq();
        });
        hub.publish(id, seq);
        return result[0];
    }

    public void delete(UUID id) {
        Instant now = clock.instant();
        long seq = db.inTransaction(tx -> {
            FeedAppender feed = FeedAppender.lock(tx, id);
            Event current = load(tx, id).filter(e -> !e.isDeleted()).orElseThrow(() -> new NotFoundException("event"));
            Event deleted = new Event(current.id(), current.organizer(), current.name(), current.description(),
                    current.location(),
                    current.startDate(), current.endDate(), current.timezone(), current.days(), current.capacity(),
                    current.status(),
                    current.features(), current.reentryPolicy(), current.formFields(), current.badgeTemplate(),
                    current.retentionDays(), current.createdAt(), now, now, current.hours());
            write(tx, deleted, now);
            feed.append(ChangeType.EVENT, id, Json.write(deleted));
            feed.finish();
            return feed.lastSeq();
        });
        hub.publish(id, seq);
    }

    private static void write(DSLContext tx, Event event, Instant now) {
        tx.update(LANYARD_EVENT).set(LANYARD_EVENT.BODY, Json.write(event))
                .set(LANYARD_EVENT.DELETED, event.isDeleted())
                .set(LANYARD_EVENT.UPDATED_AT, now.toEpochMilli()).where(LANYARD_EVENT.ID.eq(event.id())).execute();
    }

    private static Event toEvent(EventInput input, UUID id, String organizer, Instant createdAt, Instant now) {
        if (input == null) {
            throw new InvalidInputException("body must be an event object");
        }
        try {
            return input.toEvent(id, organizer, createdAt, now);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    /** The event, deleted or not. */
    public Optional<Event> find(UUID id) {
        return load(db.dsl(), id);
    }

    public Optional<Event> findLive(UUID id) {
        return find(id).filter(e -> !e.isDeleted());
    }

    /** The event as {@code dsl} (a transaction's, or the pool's) reads it now, deleted or not. */
    Optional<Event> load(DSLContext dsl, UUID id) {
        return dsl.select(LANYARD_EVENT.BODY).from(LANYARD_EVENT).where(LANYARD_EVENT.ID.eq(id))
                .fetchOptional(LANYARD_EVENT.BODY).map(body -> parsed(id, body));
    }

    /**
     * The event of a stored body: every request reads the row (so a change made anywhere shows at once) but parses it
     * only when it changed.
     */
    private Event parsed(UUID id, String body) {
        Parsed last = lastParsed.get(id);
        if (last != null && last.body.equals(body)) {
            return last.event;
        }
        Event event = Json.read(body, Event.class);
        lastParsed.put(id, new Parsed(body, event));
        return event;
    }

    private record Parsed(String body, Event event) {
    }

    public List<Event> listLive() {
        return db.dsl().select(LANYARD_EVENT.BODY).from(LANYARD_EVENT).where(LANYARD_EVENT.DELETED.isFalse())
                .orderBy(LANYARD_EVENT.ID).fetch(LANYARD_EVENT.BODY).stream().map(b -> Json.read(b, Event.class))
                .toList();
    }

    public Set<UUID> eventsOperatedBy(String username) {
        return db.dsl().select(EVENT_OPERATOR.EVENT_ID).from(EVENT_OPERATOR).where(EVENT_OPERATOR.USERNAME.eq(username))
                .fetchSet(EVENT_OPERATOR.EVENT_ID);
    }

    public boolean isOperator(UUID eventId, String username) {
        return db.dsl().fetchExists(EVENT_OPERATOR, EVENT_OPERATOR.EVENT_ID.eq(eventId)
                .and(EVENT_OPERATOR.USERNAME.eq(username)));
    }

    public void assignOperator(UUID eventId, String username) {
        if (isOperator(eventId, username)) {
            return;
        }
        try {
            db.dsl().insertInto(EVENT_OPERATOR).set(EVENT_OPERATOR.EVENT_ID, eventId)
                    .set(EVENT_OPERATOR.USERNAME, username).execute();
        } catch (org.jooq.exception.DataAccessException e) {
            if (!isOperator(eventId, username)) {
                throw e; // not a concurrent assignment of the same operator
            }
        }
    }

    public void unassignOperator(UUID eventId, String username) {
        db.dsl().deleteFrom(EVENT_OPERATOR).where(EVENT_OPERATOR.EVENT_ID.eq(eventId)
                .and(EVENT_OPERATOR.USERNAME.eq(username))).execute();
        // an open socket subscribed to the event would otherwise go on streaming its attendees to them
        hub.publishAccessChanged(username);
    }

    public List<String> operators(UUID eventId) {
        return db.dsl().select(EVENT_OPERATOR.USERNAME).from(EVENT_OPERATOR).where(EVENT_OPERATOR.EVENT_ID.eq(eventId))
                .orderBy(EVENT_OPERATOR.USERNAME).fetch(EVENT_OPERATOR.USERNAME).stream().collect(Collectors.toList());
    }
}
