package dev.lanyard.server.sync;

import dev.lanyard.model.Participant;
import dev.lanyard.server.db.UuidOrder;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Who of an event holds the e-mails a batch's newcomers bring (live participants only: not merged
 * into another), for the e-mail identity rule. One per writing transaction: asked per chunk of
 * e-mails ({@link #load}), then kept as the transaction writes participants ({@link #written}).
 * Asked per newcomer, a 100,000-row import made 100,000 lookups (WalkInLookupsTest).
 */
final class EmailHolders {
    private final DSLContext tx;
    private final UUID eventId;
    private final IngestSql sql;
    /** Lower-cased e-mail -> the live participants of the event holding it, in the database's order of ids. */
    private final Map<String, TreeSet<UUID>> holders = new HashMap<>();

    EmailHolders(DSLContext tx, UUID eventId, IngestSql sql) {
        this.tx = tx;
        this.eventId = eventId;
        this.sql = sql;
    }

    static String lower(String email) {
        return email == null || email.isBlank() ? null : email.toLowerCase(Locale.ROOT);
    }

    boolean isLoaded(String emailLower) {
        return holders.containsKey(emailLower);
    }

    /**
     * Asks who holds each of {@code emailsLower} not asked about yet. The rows this transaction wrote must be in
     * the database by then (the caller flushes its batched writes first).
     */
    void load(Collection<String> emailsLower) {
        Set<String> unknown = new LinkedHashSet<>();
        for (String email : emailsLower) {
            if (email != null && !holders.containsKey(email)) {
                unknown.add(email);
            }
        }
        for (String email : unknown) {
            holders.put(email, new TreeSet<>(UuidOrder.DATABASE));
        }
        // the event and the merge are checked on the rows found: an IN list is used on an index's first column only
        for (IngestSql.EmailHolder row : sql.emailHolders.fetch(tx, unknown)) {
            if (row.eventId().equals(eventId) && row.mergedInto() == null) {
                holders.get(row.emailLower()).add(row.id());
            }
        }
    }

    /** The live participant other than {@code newcomer} that comes first holding {@code emailLower}, or null. */
    UUID first(String emailLower, UUID newcomer) {
        for (UUID holder : holders.get(emailLower)) {
            if (!holder.equals(newcomer)) {
                return holder;
            }
        }
        return null;
    }

    /** {@code after} was stored in this transaction ({@code before}: what it was, null when new). */
    void written(Participant before, Participant after) {
        String old = before == null ? null : lower(before.email());
        if (old != null && holders.containsKey(old)) {
            holders.get(old).remove(after.id());
        }
        String now = lower(after.email());
        if (now != null && after.mergedInto() == null && holders.containsKey(now)) {
            holders.get(now).add(after.id());
        }
    }
}
