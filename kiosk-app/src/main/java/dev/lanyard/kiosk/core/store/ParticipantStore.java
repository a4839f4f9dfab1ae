package dev.lanyard.kiosk.core.store;

import static dev.lanyard.kiosk.core.store.jooq.Tables.PARTICIPANT;

import dev.lanyard.model.Participant;
import dev.lanyard.model.TicketCodes;
import dev.lanyard.model.json.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jooq.BatchBindStep;
import org.jooq.Record1;
import org.jooq.Cursor;

/** Participants as merged on this device. The JSON body (with its LWW stamps) is the record; the columns are for lookups. */
public final class ParticipantStore {
    private ParticipantStore() {
    }

    /** The form a ticket code is looked up by, on both the scanned and the stored side. */
    public static String ticketKey(String code) {
        return code == null ? null : TicketCodes.normalize(code).orElse(null);
    }

    public static Optional<Participant> find(Tx tx, UUID id) {
        return Optional.ofNullable(tx.dsl().select(PARTICIPANT.BODY).from(PARTICIPANT).where(PARTICIPANT.ID.eq(id))
                .fetchOne(PARTICIPANT.BODY)).map(ParticipantStore::parse);
    }

    public static Map<UUID, Participant> findAll(Tx tx, Collection<UUID> ids) {
        Map<UUID, Participant> found = new HashMap<>();
        List<UUID> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += 500) {
            tx.dsl().select(PARTICIPANT.BODY).from(PARTICIPANT).where(PARTICIPANT.ID.in(all.subList(i, Math.min(all.size(), i + 500))))
                    .forEach(r -> {
                        Participant p = parse(r.value1());
                        found.put(p.id(), p);
                    });
        }
        return found;
    }

    /** Every participant (of any paired event) whose ticket code matches. */
    public static List<Participant> byTicket(Tx tx, String ticketKey) {
        return tx.dsl().select(PARTICIPANT.BODY).from(PARTICIPANT).where(PARTICIPANT.TICKET_KEY.eq(ticketKey))
                .fetch(PARTICIPANT.BODY).stream().map(ParticipantStore::parse).toList();
    }

    public static List<Participant> byEmail(Tx tx, UUID eventId, String email) {
        return tx.dsl().select(PARTICIPANT.BODY).from(PARTICIPANT)
                .where(PARTICIPANT.EVENT_ID.eq(eventId)).and(PARTICIPANT.EMAIL_LOWER.eq(email.toLowerCase(Locale.ROOT)))
                .fetch(PARTICIPANT.BODY).stream().map(ParticipantStore::parse).toList();
    }

    public static void insert(Tx tx, Participant p) {
        tx.dsl().insertInto(PARTICIPANT).set(PARTICIPANT.ID, p.id()).set(PARTICIPANT.EVENT_ID, p.eventId())
                .set(PARTICIPANT.TICKET_KEY, ticketKey(p.ticketCode())).set(PARTICIPANT.EMAIL_LOWER, emailKey(p))
                .set(PARTICIPANT.MERGED_INTO, p.mergedInto()).set(PARTICIPANT.BODY, Json.write(p)).execute();
    }

    public static void update(Tx tx, Participant p) {
        tx.dsl().update(PARTICIPANT).set(PARTICIPANT.TICKET_KEY, ticketKey(p.ticketCode())).set(PARTICIPANT.EMAIL_LOWER, emailKey(p))
                .set(PARTICIPANT.MERGED_INTO, p.mergedInto()).set(PARTICIPANT.BODY, Json.write(p))
                .where(PARTICIPANT.ID.eq(p.id())).execute();
    }

    /** Inserts many new participants at once; {@code bodies} are their JSON as received (no re-serialisation). */
    public static void insertAll(Tx tx, List<Participant> participants, List<String> bodies) {
        if (participants.isEmpty()) {
            return;
        }
        BatchBindStep batch = tx.dsl().batch(tx.dsl().insertInto(PARTICIPANT, PARTICIPANT.ID, PARTICIPANT.EVENT_ID,
                PARTICIPANT.TICKET_KEY, PARTICIPANT.EMAIL_LOWER, PARTICIPANT.MERGED_INTO, PARTICIPANT.BODY)
                .values((UUID) null, null, null, null, null, null));
        for (int i = 0; i < participants.size(); i++) {
            Participant p = participants.get(i);
            batch.bind(p.id(), p.eventId(), ticketKey(p.ticketCode()), emailKey(p), p.mergedInto(), bodies.get(i));
        }
        batch.execute();
    }

    public static void forEach(Tx tx, UUID eventId, Consumer<Participant> action) {
        try (Cursor<Record1<String>> cursor = tx.dsl().select(PARTICIPANT.BODY).from(PARTICIPANT)
                .where(PARTICIPANT.EVENT_ID.eq(eventId)).fetchSize(2_000).fetchLazy()) {
            for (Record1<String> r : cursor) {
                action.accept(parse(r.value1()));
            }
        }
    }

    public static int count(Tx tx, UUID eventId) {
        return tx.dsl().fetchCount(PARTICIPANT, PARTICIPANT.EVENT_ID.eq(eventId).and(PARTICIPANT.MERGED_INTO.isNull()));
    }

    public static int countAll(Tx tx) {
        return tx.dsl().fetchCount(PARTICIPANT, PARTICIPANT.MERGED_INTO.isNull());
    }

    private static String emailKey(Participant p) {
        return p.email() == null || p.email().isBlank() ? null : p.email().toLowerCase(Locale.ROOT);
    }

    static Participant parse(String body) {
        return Json.read(body, Participant.class);
    }
}
