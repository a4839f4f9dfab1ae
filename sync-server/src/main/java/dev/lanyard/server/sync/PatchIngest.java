package dev.lanyard.server.sync;

import static dev.lanyard.server.db.jooq.Tables.PARTICIPANT;

import dev.lanyard.model.Event;
import dev.lanyard.model.FieldAuthority;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantField;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.ParticipantSource;
import dev.lanyard.model.clock.HybridLogicalClock;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.TicketCodes;
import dev.lanyard.model.merge.ParticipantMerge;
import dev.lanyard.model.protocol.ChangeType;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.server.db.BatchStatement;
import dev.lanyard.server.db.InListQuery;
import dev.lanyard.server.feed.FeedAppender;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Participant patches of the batches of one transaction: each is checked against the writer's
 * field authority, merged onto the stored participant by {@link ParticipantMerge}, and refused
 * when the merged participant would take a ticket code another one holds. A newcomer whose e-mail
 * is already registered becomes a member of that participant (the e-mail identity rule).
 */
final class PatchIngest {
    /** What {@code participant.body} and {@code participant_patch.body} hold (V1__create_schema.sql). */
    static final int MAX_STORED_JSON = 200_000;
    /** What {@code participant.email_lower} holds (migration V1). */
    static final int EMAIL_COLUMN = 254;
    /** Stamps a participant keeps: its own registers and 100 custom answers, and room for fields cleared since. */
    static final int MAX_STAMPS = 400;
    /**
     * A batch's patches are written in slices, so what a write group holds of participants is bounded by characters,
     * not by items alone (ADR 0253): up to 5,000 patches could each name a participant of 200,000 characters. A slice
     * reads about this much stored JSON (participants, and patches stored under its ids)...
     */
    static final long SLICE_CHARS = 4_000_000;
    /** ...and the records read or written are dropped between slices once they hold more than this. */
    static final long HELD_CHARS = 8_000_000;
    private final DSLContext tx;
    private final Event event;
    private final FeedAppender feed;
    private final EventParticipants participants;
    private final CheckInStates states;
    private final TicketCodeHolders codeHolders;
    private final EmailHolders emailHolders;
    private final ParticipantWrites writes;
    private final IngestSql sql;
    private final HybridLogicalClock clock;

    PatchIngest(DSLContext tx, Event event, FeedAppender feed, EventParticipants participants, CheckInStates states,
                IngestSql sql, HybridLogicalClock clock) {
        this.tx = tx;
        this.event = event;
        this.feed = feed;
        this.participants = participants;
        this.states = states;
        this.codeHolders = new TicketCodeHolders(tx, event.id());
        this.emailHolders = new EmailHolders(tx, event.id(), sql);
        this.writes = new ParticipantWrites(tx, event.id(), sql);
        this.sql = sql;
        this.clock = clock;
    }

    List<OpResult> ingest(List<ParticipantPatch> patches, FieldAuthority.Writer writer, StampBound stampBound) {
        if (patches.isEmpty()) {
            return List.of();
        }
        Idempotency<UUID> known = new Idempotency<>();
        List<OpResult> results = new ArrayList<>(patches.size());
        Map<UUID, Integer> sizes = storedSizes(patches);
        int from = 0;
        while (from < patches.size()) {
            int to = sliceEnd(patches, from, sizes);
            ingestSlice(patches.subList(from, to), known, writer, stampBound, results);
            // what the slice read and wrote is in the database now: a later slice reads it again if it needs it
            known.forgetStoredEarlier();
            participants.forgetRecordsBeyond(HELD_CHARS);
            from = to;
        }
        return results;
    }

    /** The characters stored under the batch's patch ids and participant ids, asked for without reading them. */
    private Map<UUID, Integer> storedSizes(List<ParticipantPatch> patches) {
        Set<UUID> patchIds = new HashSet<>();
        Set<UUID> participantIds = new HashSet<>();
        for (ParticipantPatch p : patches) {
            patchIds.add(p.patchId());
            participantIds.add(p.participantId());
        }
        Map<UUID, Integer> sizes = new HashMap<>();
        sql.patchSizes.fetch(tx, patchIds).forEach(s -> sizes.put(s.id(), s.chars()));
        sql.participantSizes.fetch(tx, participantIds).forEach(s -> sizes.put(s.id(), s.chars()));
        return sizes;
    }

    /**
     * Where the slice starting at {@code from} ends: before the patch that would take what it reads (its stored patches
     * and participants, by {@code sizes}) past {@link #SLICE_CHARS}, one patch at least, one id list of a query at
     * most. Measured, not guessed from the slice before: a slice of walk-ins reads nothing, and a guess from it let the
     * next one read 512 participants of 190,000 characters at once.
     */
    static int sliceEnd(List<ParticipantPatch> patches, int from, Map<UUID, Integer> sizes) {
        long chars = 0;
        Set<UUID> named = new HashSet<>();
        int to = from;
        while (to < patches.size() && to - from < InListQuery.MAX_LIST) {
            ParticipantPatch p = patches.get(to);
            long reads = sizes.getOrDefault(p.patchId(), 0)
                    + (named.contains(p.participantId()) ? 0 : sizes.getOrDefault(p.participantId(), 0));
            if (to > from && chars + reads > SLICE_CHARS) {
                break;
            }
            named.add(p.participantId());
            chars += reads;
            to++;
        }
        return to;
    }

    /** Ingests consecutive patches of a batch, adding their answers. */
    private void ingestSlice(List<ParticipantPatch> patches, Idempotency<UUID> known, FieldAuthority.Writer writer,
            StampBound stampBound, List<OpResult> results) {
        Set<UUID> ids = new HashSet<>();
        Set<UUID> participantIds = new HashSet<>();
        for (ParticipantPatch p : patches) {
            if (!known.contains(p.patchId())) {
                ids.add(p.patchId());
            }
            participantIds.add(p.participantId());
        }
        for (IngestSql.StoredItem stored : sql.patchesById.fetch(tx, ids)) {
            known.storedEarlier(stored.id(), stored.body(), stored.seq(), event.id());
        }
        participants.load(participantIds);
        preload(patches);
        BatchStatement.Rows rows = sql.insertPatch.rows();
        for (ParticipantPatch raw : patches) {
            ParticipantPatch patch = raw.withEventId(event.id());
            String body = Json.write(patch);
            // a scrubbed patch (anonymization) can no longer be compared; its retry is taken as the same patch
            OpResult again = known.answerIfKnown(patch.patchId(), patch.patchId(),
                    k -> k.body().equals(body) || PersonalData.isScrubbed(k.body()),
                    "patchId was already used for a different patch");
            if (again != null) {
                results.add(again);
                continue;
            }
            OpResult refused = refusal(raw, patch, writer, stampBound);
            if (refused != null) {
                results.add(refused);
                continue;
            }
            clock.receive(patch.hlc());
            Participant current = participants.get(patch.participantId());
            Participant merged;
            try {
                merged = ParticipantMerge.apply(current == null
                        ? Participant.blank(patch.participantId(), event.id()) : current, patch);
            } catch (IllegalArgumentException e) { // e.g. a 101st custom answer: this patch's fault alone
                results.add(OpResult.rejected(patch.patchId(), TicketCodes.printable(e.getMessage(), 200)));
                continue;
            }
            OpResult tooBig = sizeRefusal(patch, body, current, merged);
            if (tooBig != null) {
                results.add(tooBig);
                continue;
            }
            Optional<String> codeTaken = codeHolders.refusal(merged);
            if (codeTaken.isPresent()) {
                results.add(OpResult.rejected(patch.patchId(), codeTaken.get()));
                continue;
            }
            String badMerge = mergeRefusal(current, merged);
            if (badMerge != null) {
                results.add(OpResult.rejected(patch.patchId(), badMerge));
                continue;
            }
            ParticipantPatch serverPatch = isNewcomer(current, merged) ? walkInMerge(merged) : null;
            if (serverPatch != null) {
                merged = ParticipantMerge.apply(merged, serverPatch);
            }
            String mergedJson = Json.write(merged); // the feed entry and the row's body
            if (mergedJson.length() > MAX_STORED_JSON) {
                results.add(tooLong(patch));
                continue;
            }
            long seq = feed.append(ChangeType.PARTICIPANT, merged.id(), mergedJson);
            // under the tombstone a patch changes nothing, and its body is the only copy of what it tried to write
            rows.add(patch.patchId(), event.id(), patch.participantId(), merged.anonymized() ? PersonalData.SCRUBBED
                    : body, seq);
            if (serverPatch != null) {
                rows.add(serverPatch.patchId(), event.id(), serverPatch.participantId(), Json.write(serverPatch), seq);
            }
            UUID before = current == null ? null : current.mergedInto();
            if (!Objects.equals(before, merged.mergedInto())) {
                states.mergeChanged(merged.id(), before, merged.mergedInto());
            }
            writeParticipant(merged, mergedJson, seq, current == null);
            known.acceptedNow(patch.patchId(), body, seq, event.id());
            results.add(OpResult.accepted(patch.patchId(), seq));
        }
        writes.flush();
        rows.execute(tx);
    }

    /**
     * Why a patch is refused for what it would make the participant hold, or null. Every register a patch writes
     * keeps its stamp, a cleared custom answer's too (so a late older write cannot bring it back), so a writer
     * clearing ever new custom fields would grow the participant without end and, past what its row holds, fail
     * every later write to it, another door's or the organizer's included.
     */
    private static OpResult sizeRefusal(ParticipantPatch patch, String body, Participant current, Participant merged) {
        int before = current == null ? 0 : current.stamps().size();
        if (merged.stamps().size() > MAX_STAMPS && merged.stamps().size() > before) {
            return OpResult.rejected(patch.patchId(), "a participant keeps at most " + MAX_STAMPS
                    + " field stamps; this patch would add more");
        }
        if (merged.email() != null && merged.email().toLowerCase(Locale.ROOT).length() > EMAIL_COLUMN) {
            // "İ" lower-cases to two characters: a valid address can outgrow the column it is looked up by
            return OpResult.rejected(patch.patchId(), "the e-mail address is longer than " + EMAIL_COLUMN
                    + " characters once lower-cased");
        }
        return body.length() > MAX_STORED_JSON ? tooLong(patch) : null;
    }

    /**
     * Why a participant may not be merged as this patch would merge it, or null. Check-in state is derived one merge
     * deep (ADR 0202: a participant and the records merged into it), so a merge is into a participant of this event
     * that is merged into no one, and of a participant nobody is merged into: a chain lost the check-ins at its far
     * end, and a participant merged into itself dropped out of every count.
     */
    private String mergeRefusal(Participant current, Participant merged) {
        UUID target = merged.mergedInto();
        if (target == null || current != null && target.equals(current.mergedInto())) {
            return null;
        }
        if (target.equals(merged.id())) {
            return "a participant cannot be merged into itself";
        }
        participants.load(Set.of(target));
        Participant into = participants.get(target);
        if (into == null) {
            return "mergedInto " + target + " is not a participant of this event";
        }
        if (into.mergedInto() != null) {
            return "mergedInto " + target + " is itself merged into " + into.mergedInto() + "; merge into that one";
        }
        if (current != null && tx.fetchExists(PARTICIPANT, PARTICIPANT.MERGED_INTO.eq(merged.id()))) {
            return "other records are merged into it; merge them into " + target + " first";
        }
        return null;
    }

    private static OpResult tooLong(ParticipantPatch patch) {
        return OpResult.rejected(patch.patchId(), "the participant or the patch would be longer than "
                + MAX_STORED_JSON + " characters");
    }

    /** Why a new patch is refused before it is merged (wrong event, writer's authority, stamp ahead), or null. */
    private OpResult refusal(ParticipantPatch raw, ParticipantPatch patch, FieldAuthority.Writer writer,
            StampBound stampBound) {
        if (raw.eventId() != null && !raw.eventId().equals(event.id())) {
            return OpResult.rejected(patch.patchId(), "patch names event " + raw.eventId() + ", not " + event.id());
        }
        UUID owner = participants.eventOf(patch.participantId());
        if (owner != null && !owner.equals(event.id())) {
            return OpResult.rejected(patch.patchId(), "participant " + patch.participantId()
                    + " belongs to another event");
        }
        Optional<String> refused = FieldAuthority.refusal(writer, participants.get(patch.participantId()), patch);
        if (refused.isPresent()) {
            return OpResult.rejected(patch.patchId(), refused.get());
        }
        return stampBound == null ? null : stampBound.refusal(patch.patchId(), patch.hlc());
    }

    /**
     * Asks at once who holds the ticket codes the batch's participants may end up with (each patch
     * merged onto the stored participant, and the stored code itself) and the e-mails its newcomers
     * bring; a code or e-mail this misses (one an earlier patch of the batch brought) is asked for
     * when it comes.
     */
    private void preload(List<ParticipantPatch> patches) {
        Set<String> codes = new HashSet<>();
        Set<String> emails = new HashSet<>();
        for (ParticipantPatch raw : patches) {
            ParticipantPatch patch = raw.withEventId(event.id());
            Participant current = participants.get(patch.participantId());
            if (current != null && current.ticketCode() != null) {
                codes.add(current.ticketCode());
            }
            if (participants.isKnown(patch.participantId()) && current == null) {
                continue; // another event's participant: refused before its code matters
            }
            try {
                Participant merged = ParticipantMerge.apply(current == null
                        ? Participant.blank(patch.participantId(), event.id()) : current, patch);
                if (merged.ticketCode() != null) {
                    codes.add(merged.ticketCode());
                }
                String email = EmailHolders.lower(merged.email());
                if (current == null && merged.mergedInto() == null && email != null) {
                    emails.add(email);
                }
            } catch (RuntimeException refusedLater) {
                // an item the loop below refuses; its code is not needed
            }
        }
        codeHolders.load(codes);
        emailHolders.load(emails);
    }

    /**
     * Whether the participant is met here for the first time with an email: a new record, or a walk-in whose first
     * patch to arrive was another door's edit (its creation, with the email, came after). Merging only new records
     * left such a walk-in a record of its own, so the outcome hung on the order the patches arrived in.
     */
    private static boolean isNewcomer(Participant current, Participant merged) {
        return current == null || current.email() == null && merged.email() != null
                && merged.source() == ParticipantSource.WALK_IN;
    }

    /**
     * A newcomer whose email is already registered in the event under another id is the same
     * person: instead of dropping either, the newcomer points at the canonical participant,
     * and its check-ins count there.
     */
    private ParticipantPatch walkInMerge(Participant newcomer) {
        String email = EmailHolders.lower(newcomer.email());
        if (email == null || newcomer.mergedInto() != null) {
            return null;
        }
        if (!emailHolders.isLoaded(email)) {
            writes.flush(); // the lookup must see this ingest's rows
            emailHolders.load(List.of(email));
        }
        UUID canonical = emailHolders.first(email, newcomer.id());
        if (canonical == null) {
            return null;
        }
        return new ParticipantPatch(Ids.newId(), event.id(), newcomer.id(),
                Map.of(ParticipantField.MERGED_INTO.wire(), canonical.toString()), clock.now(), null);
    }

    private void writeParticipant(Participant p, String body, long seq, boolean isNew) {
        if (isNew) {
            writes.insert(p, body, seq);
        } else {
            writes.update(p, body, seq);
        }
        Participant before = participants.get(p.id());
        codeHolders.written(before, p);
        emailHolders.written(before, p);
        participants.written(p, body.length());
    }
}
