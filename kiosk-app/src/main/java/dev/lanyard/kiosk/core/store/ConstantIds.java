package dev.lanyard.kiosk.core.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Ids of a chunked {@code IN} lookup written into the statement as constants. H2 checks every row
 * an index finds against the whole condition again: against the list jOOQ binds ({@code cast(? as
 * uuid)} per id) it compares one by one, casting each parameter anew (500 casts for each row of a
 * 500-id chunk, a sixth of a 98,000-op catch-up), while a list of constants it turns into a set once.
 * The price is rendering and parsing a new statement per chunk. The lookups every page runs (the state
 * probe, {@code CheckInLog.PROBE_STATE}, and the stored ops, {@code STORED_SEQS}) bind the chunk as one
 * array joined to their table on its key instead (ADR 0332), and the outbox's confirmation of the door's
 * own ops binds plain parameters of one cached statement (ADR 0331), both through {@link Jdbc}. A UUID's
 * text holds nothing but hex digits and dashes, so nothing can be injected through it.
 */
final class ConstantIds {
    private ConstantIds() {
    }

    static List<Field<UUID>> of(Collection<UUID> ids) {
        List<Field<UUID>> out = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            out.add(DSL.inline(id));
        }
        return out;
    }
}
