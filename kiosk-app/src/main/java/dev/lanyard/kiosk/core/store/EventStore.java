package dev.lanyard.kiosk.core.store;

import static dev.lanyard.kiosk.core.store.jooq.Tables.KIOSK_EVENT;

import dev.lanyard.model.Event;
import dev.lanyard.model.json.Json;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Record1;

/** The events this device serves, with how far their change feed has been applied. */
public final class EventStore {
    private static final String LAST_SEQ = "select last_seq from kiosk_event where id = ?";
    private static final String SET_LAST_SEQ = "update kiosk_event set last_seq = ?, last_at = ? where id = ?";
    private static final String LAST_AT = "select last_at from kiosk_event where id = ?";

    private EventStore() {
    }

    public static void upsert(Tx tx, Event event) {
        org.jooq.Param<byte[]> body = Bytes.val(tx.cipher().seal(Json.write(event)));
        int updated = tx.dsl().update(KIOSK_EVENT).set(KIOSK_EVENT.BODY, body).where(KIOSK_EVENT.ID.eq(event.id()))
                .execute();
        if (updated == 0) {
            tx.dsl().insertInto(KIOSK_EVENT).set(KIOSK_EVENT.ID, event.id()).set(KIOSK_EVENT.BODY, body)
                    .set(KIOSK_EVENT.LAST_SEQ, 0L).set(KIOSK_EVENT.BOOTSTRAPPED, false).execute();
        }
    }

    public static Optional<Event> find(Tx tx, UUID id) {
        return Optional.ofNullable(tx.dsl().select(Bytes.col(KIOSK_EVENT.BODY)).from(KIOSK_EVENT)
                .where(KIOSK_EVENT.ID.eq(id))
                .fetchOne(Record1::value1)).map(b -> Json.read(tx.cipher().openBytes(b), Event.class));
    }

    public static List<Event> all(Tx tx) {
        return tx.dsl().select(Bytes.col(KIOSK_EVENT.BODY)).from(KIOSK_EVENT).orderBy(KIOSK_EVENT.ID)
                .fetch(Record1::value1).stream().map(b -> Json.read(tx.cipher().openBytes(b), Event.class)).toList();
    }

    /** Read and moved by every page the feed brings, while a scan may wait: fixed SQL (ADR 0331). */
    public static long lastSeq(Tx tx, UUID id) {
        Long seq = Jdbc.first(tx, LAST_SEQ, r -> Jdbc.nullableLong(r, 1), id);
        return seq == null ? 0 : seq;
    }

    /**
     * Moves the position to {@code seq}, whose entry the server committed at {@code at} (its clock, Unix ms; 0 when
     * not known).
     */
    public static void setLastSeq(Tx tx, UUID id, long seq, long at) {
        Jdbc.update(tx, SET_LAST_SEQ, seq, at > 0 ? at : null, id);
    }

    /** Moves the position back to {@code seq} (to read the feed again from there); when its entry came is not known. */
    public static void rewindTo(Tx tx, UUID id, long seq) {
        setLastSeq(tx, id, seq, 0);
    }

    /** When the server committed the entry at the position, by its clock; 0 when not known. */
    public static long lastAt(Tx tx, UUID id) {
        Long at = Jdbc.first(tx, LAST_AT, r -> Jdbc.nullableLong(r, 1), id);
        return at == null ? 0 : at;
    }

    public static boolean bootstrapped(Tx tx, UUID id) {
        Boolean done = tx.dsl().select(KIOSK_EVENT.BOOTSTRAPPED).from(KIOSK_EVENT).where(KIOSK_EVENT.ID.eq(id))
                .fetchOne(KIOSK_EVENT.BOOTSTRAPPED);
        return done != null && done;
    }

    public static void markBootstrapped(Tx tx, UUID id) {
        tx.dsl().update(KIOSK_EVENT).set(KIOSK_EVENT.BOOTSTRAPPED, true).where(KIOSK_EVENT.ID.eq(id)).execute();
    }
}
