package dev.lanyard.kiosk.core.store;

import static dev.lanyard.kiosk.core.store.jooq.Tables.MERGED_PARTICIPANT;
import static dev.lanyard.kiosk.core.store.jooq.Tables.PARTICIPANT;

import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantField;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.TicketCodes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.sql.PreparedStatement;
import java.sql.Types;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Cursor;

/**
 * Participants as merged on this device. The body (every field with its LWW stamp, in
 * {@link ParticipantCodec}'s form) is the record, sealed by the replica's {@link FieldCipher}; ticket code and email
 * are looked up through
 * their blind indexes (ADR 0310).
 */
public final class ParticipantStore {
    static final String TICKET_INDEX = "ticket";
    static final String EMAIL_INDEX = "email";
    private static final Field<byte[]> BODY = Bytes.col(PARTICIPANT.BODY);
    private static final String ANY_MERGED = "select 1 from merged_participant limit 1";
    private static final String BY_TICKET = "select body from participant where ticket_mac = ?";
    private static final String OF_OTHER_EVENTS = "select p.id from " + Jdbc.idRows("t")
            + " join participant p on p.id = t.id where p.event_id <> ?";
    private static final String INSERT =
            "insert into participant (id, event_id, ticket_mac, email_mac, merged_into, body) values (?, ?, ?, ?, ?, "
            + "?)";

    private ParticipantStore() {
    }

    /** The form a ticket code is looked up by, on both the scanned and the stored side. */
    public static String ticketKey(String code) {
        return code == null ? null : TicketCodes.normalize(code).orElse(null);
    }

    public static Optional<Participant> find(Tx tx, UUID id) {
        return Optional.ofNullable(tx.dsl().select(BODY).from(PARTICIPANT).where(PARTICIPANT.ID.eq(id))
                .fetchOne(BODY)).map(b -> parse(tx, b));
    }

    public static Map<UUID, Participant> findAll(Tx tx, Collection<UUID> ids) {
        Map<UUID, Participant> found = new HashMap<>();
        List<UUID> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += 500) {
            tx.dsl().select(BODY).from(PARTICIPANT).where(PARTICIPANT.ID.in(
                    ConstantIds.of(all.subList(i, Math.min(all.size(), i + 500)))))
                    .forEach(r -> {
                        Participant p = parse(tx, r.value1());
                        found.put(p.id(), p);
                    });
        }
        return found;
    }

    /**
     * Those of {@code ids} merged into another participant, and the one each counts for; an id absent counts for
     * itself (or is not stored). A page of ops asks this for each of its participants: it reads merged_participant,
     * which holds the few merged ones, not the participant rows with their sealed records (ADR 0324).
     */
    public static Map<UUID, UUID> mergedInto(Tx tx, Collection<UUID> ids) {
        Map<UUID, UUID> found = new HashMap<>();
        if (Jdbc.first(tx, ANY_MERGED, r -> true) == null) {
            return found; // the usual case: asking about 500 ids at a time would only cost parsing their lists
        }
        List<UUID> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += 500) {
            tx.dsl().select(MERGED_PARTICIPANT.PARTICIPANT_ID, MERGED_PARTICIPANT.MERGED_INTO).from(MERGED_PARTICIPANT)
                    .where(MERGED_PARTICIPANT.PARTICIPANT_ID.in(
                            ConstantIds.of(all.subList(i, Math.min(all.size(), i + 500)))))
                    .forEach(r -> found.put(r.value1(), r.value2()));
        }
        return found;
    }

    /**
     * Those of {@code ids} stored under another event than {@code eventId}: ids only, without opening their sealed
     * records, for a whole page of another door's items at once.
     */
    public static Set<UUID> ofOtherEvents(Tx tx, UUID eventId, Collection<UUID> ids) {
        return new HashSet<>(Jdbc.listJoined(tx, OF_OTHER_EVENTS, new ArrayList<>(new HashSet<>(ids)), 500,
                r -> r.getObject(1, UUID.class), eventId));
    }

    /** Every participant (of any paired event) whose ticket code matches. A scan's lookup: fixed SQL (ADR 0331). */
    public static List<Participant> byTicket(Tx tx, String ticketKey) {
        return Jdbc.list(tx, BY_TICKET, r -> r.getBytes(1), ticketIndex(tx, ticketKey)).stream()
                .map(b -> parse(tx, b)).filter(p -> ticketKey.equals(ticketKey(p.ticketCode()))).toList();
    }

    public static List<Participant> byEmail(Tx tx, UUID eventId, String email) {
        return tx.dsl().select(BODY).from(PARTICIPANT)
                .where(PARTICIPANT.EVENT_ID.eq(eventId)).and(PARTICIPANT.EMAIL_MAC.eq(emailIndex(tx, email)))
                .fetch(BODY).stream().map(b -> parse(tx, b)).filter(p -> p.email() != null
                && p.email().equalsIgnoreCase(email)).toList();
    }

    /**
     * The registers of {@code participantId} that still carry {@code old} (the stamp of one of
     * this device's patches the server refused for its clock) take {@code restamped}: the
     * server will compare a later edit with the new stamp, and so must this replica, or it
     * keeps its value against an edit the server applies.
     */
    public static void restampRegisters(Tx tx, UUID participantId, Collection<String> fields, Hlc old, Hlc restamped) {
        find(tx, participantId).ifPresent(p -> {
            Participant moved = p;
            for (String field : fields) {
                if (moved.stampOf(field).equals(old)) {
                    moved = ParticipantField.write(moved, field, ParticipantField.read(moved, field), restamped);
                }
            }
            if (moved != p) {
                update(tx, moved);
            }
        });
    }

    public static void insert(Tx tx, Participant p) {
        tx.dsl().insertInto(PARTICIPANT).set(PARTICIPANT.ID, p.id()).set(PARTICIPANT.EVENT_ID, p.eventId())
                .set(PARTICIPANT.TICKET_MAC, ticketIndex(tx, ticketKey(p.ticketCode())))
                .set(PARTICIPANT.EMAIL_MAC, emailIndex(tx, p.email()))
                .set(PARTICIPANT.MERGED_INTO, p.mergedInto()).set(PARTICIPANT.BODY, Bytes.val(seal(tx, p))).execute();
        if (p.mergedInto() != null) {
            recordMerge(tx, p);
        }
    }

    public static void update(Tx tx, Participant p) {
        tx.dsl().update(PARTICIPANT).set(PARTICIPANT.TICKET_MAC, ticketIndex(tx, ticketKey(p.ticketCode())))
                .set(PARTICIPANT.EMAIL_MAC, emailIndex(tx, p.email()))
                .set(PARTICIPANT.MERGED_INTO, p.mergedInto()).set(PARTICIPANT.BODY, Bytes.val(seal(tx, p)))
                .where(PARTICIPANT.ID.eq(p.id())).execute();
        if (p.mergedInto() != null) {
            recordMerge(tx, p);
        } else {
            tx.dsl().deleteFrom(MERGED_PARTICIPANT).where(MERGED_PARTICIPANT.PARTICIPANT_ID.eq(p.id())).execute();
        }
    }

    private static void recordMerge(Tx tx, Participant p) {
        tx.dsl().mergeInto(MERGED_PARTICIPANT).using(tx.dsl().selectOne())
                .on(MERGED_PARTICIPANT.PARTICIPANT_ID.eq(p.id()))
                .whenMatchedThenUpdate().set(MERGED_PARTICIPANT.MERGED_INTO, p.mergedInto())
                .whenNotMatchedThenInsert(MERGED_PARTICIPANT.PARTICIPANT_ID, MERGED_PARTICIPANT.MERGED_INTO)
                .values(p.id(), p.mergedInto()).execute();
    }

    /** Inserts many new participants at once: one prepared statement, one JDBC batch, no per-row jOOQ rendering. */
    public static void insertAll(Tx tx, List<Participant> participants) {
        if (participants.isEmpty()) {
            return;
        }
        tx.dsl().connection(c -> {
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                for (Participant p : participants) {
                    insert.setObject(1, p.id());
                    insert.setObject(2, p.eventId());
                    insert.setObject(3, ticketIndex(tx, ticketKey(p.ticketCode())), Types.BIGINT);
                    insert.setObject(4, emailIndex(tx, p.email()), Types.BIGINT);
                    insert.setObject(5, p.mergedInto());
                    insert.setBytes(6, seal(tx, p));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
        participants.stream().filter(p -> p.mergedInto() != null).forEach(p -> recordMerge(tx, p));
    }

    public static void forEach(Tx tx, UUID eventId, Consumer<Participant> action) {
        try (Cursor<Record1<byte[]>> cursor = tx.dsl().select(BODY).from(PARTICIPANT)
                .where(PARTICIPANT.EVENT_ID.eq(eventId)).fetchSize(2_000).fetchLazy()) {
            for (Record1<byte[]> r : cursor) {
                action.accept(parse(tx, r.value1()));
            }
        }
    }

    /** At most {@code limit} of the event's participants after {@code after} (null: from the first), in id order. */
    public static List<Participant> page(Tx tx, UUID eventId, UUID after, int limit) {
        org.jooq.Condition where = PARTICIPANT.EVENT_ID.eq(eventId);
        if (after != null) {
            where = where.and(PARTICIPANT.ID.gt(after));
        }
        return tx.dsl().select(BODY).from(PARTICIPANT).where(where).orderBy(PARTICIPANT.ID).limit(limit)
                .fetch(r -> parse(tx, r.value1()));
    }

    public static int count(Tx tx, UUID eventId) {
        return tx.dsl().fetchCount(PARTICIPANT, PARTICIPANT.EVENT_ID.eq(eventId).and(PARTICIPANT.MERGED_INTO.isNull()));
    }

    /**
     * Whether the replica holds no participant of any event (a first bootstrap may then load without lookup indexes).
     */
    public static boolean none(Tx tx) {
        return !tx.dsl().fetchExists(PARTICIPANT);
    }

    /**
     * Drops the ticket and email indexes for a bulk load into an empty table (DDL: H2 commits
     * the transaction). Lookups still work meanwhile, by scanning.
     */
    public static void dropLookupIndexes(Tx tx) {
        tx.dsl().execute("drop index if exists participant_ticket");
        tx.dsl().execute("drop index if exists participant_email");
    }

    /**
     * Creates the ticket and email indexes (as migration V3 defines them) where they are missing; a no-op otherwise.
     */
    public static void ensureLookupIndexes(Tx tx) {
        tx.dsl().execute("create index if not exists participant_ticket on participant (ticket_mac)");
        tx.dsl().execute("create index if not exists participant_email on participant (event_id, email_mac)");
    }

    public static int countAll(Tx tx) {
        return tx.dsl().fetchCount(PARTICIPANT, PARTICIPANT.MERGED_INTO.isNull());
    }

    /** The blind index a ticket code (in its {@link #ticketKey} form) is stored and looked up by. */
    static Long ticketIndex(Tx tx, String ticketKey) {
        return ticketIndex(tx.cipher(), ticketKey);
    }

    static Long ticketIndex(FieldCipher cipher, String ticketKey) {
        return cipher.blindIndex(TICKET_INDEX, ticketKey);
    }

    /** The blind index of an email: case-insensitive, blank is none. */
    static Long emailIndex(Tx tx, String email) {
        return emailIndex(tx.cipher(), email);
    }

    static Long emailIndex(FieldCipher cipher, String email) {
        return email == null || email.isBlank() ? null : cipher.blindIndex(EMAIL_INDEX, email.toLowerCase(Locale.ROOT));
    }

    static byte[] seal(Tx tx, Participant p) {
        return tx.cipher().seal(ParticipantCodec.encode(p));
    }

    static Participant parse(Tx tx, byte[] sealed) {
        return ParticipantCodec.decode(tx.cipher().openBytes(sealed));
    }
}
