package dev.lanyard.server.calendar;

import static dev.lanyard.server.db.jooq.Tables.EVENT_CALENDAR;

import dev.lanyard.server.db.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jooq.exception.DataAccessException;

/**
 * The per-event tokens behind the public calendar links (ADR 0223): 256 random bits, made on first use,
 * replaced on the organizer's word. Whoever holds the link reads the event's calendar and nothing else.
 */
public final class CalendarLinks {
    /** 32 bytes, URL-safe Base64 without padding: 43 characters. */
    static final int TOKEN_BYTES = 32;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private final Database db;
    private final Clock clock;
    private final Supplier<String> baseUrl;
    private final SecureRandom random = new SecureRandom();

    public CalendarLinks(Database db, Clock clock, Supplier<String> baseUrl) {
        this.db = db;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /** The event's link, its token made now if it has none yet. */
    public CalendarLink linkFor(UUID eventId) {
        return CalendarLink.of(baseUrl.get(), tokenFor(eventId));
    }

    /** A new token for the event: the old link stops working at once. */
    public CalendarLink rotate(UUID eventId) {
        String token = newToken();
        db.inTransaction(tx -> {
            int changed = tx.update(EVENT_CALENDAR).set(EVENT_CALENDAR.TOKEN, token)
                    .set(EVENT_CALENDAR.CREATED_AT, clock.millis())
                    .where(EVENT_CALENDAR.EVENT_ID.eq(eventId)).execute();
            if (changed == 0) {
                tx.insertInto(EVENT_CALENDAR).set(EVENT_CALENDAR.EVENT_ID, eventId).set(EVENT_CALENDAR.TOKEN, token)
                        .set(EVENT_CALENDAR.CREATED_AT, clock.millis()).execute();
            }
            return null;
        });
        return CalendarLink.of(baseUrl.get(), token);
    }

    /** The event a token opens; empty for anything that is not a current token. */
    public Optional<UUID> eventOf(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return db.dsl().select(EVENT_CALENDAR.EVENT_ID).from(EVENT_CALENDAR).where(EVENT_CALENDAR.TOKEN.eq(token))
                .fetchOptional(EVENT_CALENDAR.EVENT_ID);
    }

    private String tokenFor(UUID eventId) {
        Optional<String> existing = stored(eventId);
        if (existing.isPresent()) {
            return existing.get();
        }
        String token = newToken();
        try {
            db.dsl().insertInto(EVENT_CALENDAR).set(EVENT_CALENDAR.EVENT_ID, eventId).set(EVENT_CALENDAR.TOKEN, token)
                    .set(EVENT_CALENDAR.CREATED_AT, clock.millis()).execute();
            return token;
        } catch (DataAccessException e) {
            // two first readers at once: the one stored first is the event's token
            return stored(eventId).orElseThrow(() -> e);
        }
    }

    private Optional<String> stored(UUID eventId) {
        return db.dsl().select(EVENT_CALENDAR.TOKEN).from(EVENT_CALENDAR).where(EVENT_CALENDAR.EVENT_ID.eq(eventId))
                .fetchOptional(EVENT_CALENDAR.TOKEN);
    }

    private String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
