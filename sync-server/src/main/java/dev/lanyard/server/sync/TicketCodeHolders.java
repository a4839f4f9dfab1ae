package dev.lanyard.server.sync;

import static dev.lanyard.server.db.jooq.Tables.PARTICIPANT;

import dev.lanyard.model.Participant;
import dev.lanyard.model.TicketCodes;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.ResultQuery;

/**
 * Ticket codes are unique per event (a unique index since V2). A write that would give a code
 * to a second participant is refused before it reaches the index: on PostgreSQL a violated
 * constraint aborts the whole transaction, and with it every other batch written in it.
 *
 * <p>One per writing transaction. Who holds the codes of a batch is asked in one query per 500
 * codes ({@link #load}), then kept as this transaction's writes change it ({@link #written}):
 * asked per participant, an import of 5,000 rows made 5,000 round trips.
 */
final class TicketCodeHolders {
    private final DSLContext tx;
    private final UUID eventId;
    /** Code -> the participant of the event holding it; a code mapped to null is known to be free. */
    private final Map<String, UUID> holders = new HashMap<>();

    TicketCodeHolders(DSLContext tx, UUID eventId) {
        this.tx = tx;
        this.eventId = eventId;
    }

    /** Asks who holds each of {@code codes} not asked about yet in this transaction. */
    void load(Collection<String> codes) {
        Set<String> unknown = new LinkedHashSet<>();
        for (String code : codes) {
            if (code != null && !holders.containsKey(code)) {
                unknown.add(code);
            }
        }
        for (List<String> chunk : Chunks.of(unknown)) {
            chunk.forEach(code -> holders.put(code, null));
            for (Record3<UUID, String, UUID> r : holdersQuery(tx, chunk).fetch()) {
                if (eventId.equals(r.value3())) {
                    holders.put(r.value2(), r.value1());
                }
            }
        }
    }

    /**
     * The holders of {@code codes} in every event; the caller keeps its event's. With {@code event_id = ?} in the
     * WHERE, H2 read the event's index and filtered it (it uses an IN list only on an index's first column), so each
     * chunk read every participant of the event; codes lead an index of their own (ADR 0226).
     */
    static ResultQuery<Record3<UUID, String, UUID>> holdersQuery(DSLContext tx, Collection<String> codes) {
        return tx.select(PARTICIPANT.ID, PARTICIPANT.TICKET_CODE, PARTICIPANT.EVENT_ID).from(PARTICIPANT)
                .where(PARTICIPANT.TICKET_CODE.in(codes));
    }

    /** Who of this event holds {@code code}, as far as asked ({@link #load}); null when free or not asked. */
    UUID holder(String code) {
        return holders.get(code);
    }

    /** Why {@code participant} may not be stored with its ticket code, or empty. */
    Optional<String> refusal(Participant participant) {
        String code = participant.ticketCode();
        if (code == null) {
            return Optional.empty();
        }
        // asked even when the code did not change: a participant whose code V2 found shared must not be stored back
        // with it
        load(List.of(code));
        UUID holder = holders.get(code);
        if (holder == null || holder.equals(participant.id())) {
            return Optional.empty();
        }
        return Optional.of("fields.ticketCode: " + TicketCodes.printable(code)
                + " already belongs to another participant of this event");
    }

    /** {@code after} was stored in this transaction ({@code before}: what it was, null when new). */
    void written(Participant before, Participant after) {
        String old = before == null ? null : before.ticketCode();
        if (old != null && !old.equals(after.ticketCode()) && Objects.equals(holders.get(old), after.id())) {
            holders.put(old, null);
        }
        if (after.ticketCode() != null) {
            holders.put(after.ticketCode(), after.id());
        }
    }
}
