package dev.lanyard.server.email;

import static dev.lanyard.server.db.jooq.Tables.EVENT_EMAIL_SETTINGS;

import dev.lanyard.model.json.Json;
import dev.lanyard.server.db.Database;
import dev.lanyard.server.feed.FeedReader;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Table {@code event_email_settings}: an event's mail settings and how far the mail follower read its feed. */
public final class EmailSettingsStore {
    /** @param confirmAfterSeq participants first seen in the feed after this seq are confirmed on their own */
    public record Stored(EmailSettings settings, long confirmAfterSeq, long followedSeq) {
    }

    private final Database db;

    public EmailSettingsStore(Database db) {
        this.db = db;
    }

    public Optional<Stored> find(UUID eventId) {
        return db.dsl().selectFrom(EVENT_EMAIL_SETTINGS).where(EVENT_EMAIL_SETTINGS.EVENT_ID.eq(eventId))
                .fetchOptional()
                .map(r -> new Stored(Json.read(r.getBody(), EmailSettings.class), r.getConfirmAfterSeq(),
                r.getFollowedSeq()));
    }

    public EmailSettings settings(UUID eventId) {
        return find(eventId).map(Stored::settings).orElse(EmailSettings.OFF);
    }

    public void save(UUID eventId, Stored stored) {
        String body = Json.write(stored.settings());
        int updated = db.dsl().update(EVENT_EMAIL_SETTINGS).set(EVENT_EMAIL_SETTINGS.BODY, body)
                .set(EVENT_EMAIL_SETTINGS.CONFIRM_AFTER_SEQ, stored.confirmAfterSeq())
                .where(EVENT_EMAIL_SETTINGS.EVENT_ID.eq(eventId)).execute();
        if (updated == 0) {
            db.dsl().insertInto(EVENT_EMAIL_SETTINGS).set(EVENT_EMAIL_SETTINGS.EVENT_ID, eventId)
                    .set(EVENT_EMAIL_SETTINGS.BODY, body)
                    .set(EVENT_EMAIL_SETTINGS.CONFIRM_AFTER_SEQ, stored.confirmAfterSeq())
                    .set(EVENT_EMAIL_SETTINGS.FOLLOWED_SEQ, stored.followedSeq()).execute();
        }
    }

    /** Moves the follower's position forward only (two followers on one database never move it back). */
    public void followed(UUID eventId, long seq) {
        db.dsl().update(EVENT_EMAIL_SETTINGS).set(EVENT_EMAIL_SETTINGS.FOLLOWED_SEQ, seq)
                .where(EVENT_EMAIL_SETTINGS.EVENT_ID.eq(eventId).and(EVENT_EMAIL_SETTINGS.FOLLOWED_SEQ.lt(seq)))
                .execute();
    }

    public List<UUID> events() {
        return db.dsl().select(EVENT_EMAIL_SETTINGS.EVENT_ID).from(EVENT_EMAIL_SETTINGS)
                .fetch(EVENT_EMAIL_SETTINGS.EVENT_ID);
    }

    public long headSeq(UUID eventId) {
        return FeedReader.headSeq(db.dsl(), eventId);
    }
}
