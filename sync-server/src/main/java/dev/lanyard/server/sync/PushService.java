package dev.lanyard.server.sync;

import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Event;
import dev.lanyard.model.FieldAuthority;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.PrizeDrawing;
import dev.lanyard.model.ScanAttempt;
import dev.lanyard.model.clock.HybridLogicalClock;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.model.protocol.OpStatus;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.server.db.Database;
import dev.lanyard.server.feed.ChangeHub;
import dev.lanyard.server.feed.FeedAppender;
import dev.lanyard.server.ops.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Ingests what devices (and the server's own admin paths) write: check-in ops, participant
 * patches, drawings and scan attempts. Every item is stored once, keyed by its id; a retry gets
 * the answer of the first acceptance; an id reused with other content is rejected
 * ({@link Idempotency}). Each kind has its own class ({@link OpIngest}, {@link PatchIngest},
 * {@link DrawingIngest}, {@link AttemptIngest}); this one queues batches for their event's turn
 * and writes a group of them in one transaction. The merge rules are shared-model's; nothing
 * here decides a conflict on its own.
 *
 * <p>A batch is one transaction holding the event's feed lock (see {@link FeedAppender}). An item
 * stamped further ahead of the server's clock than {@link StampBound} allows is refused before
 * its stamp reaches the server's clock, so it changes nothing.
 */
public final class PushService {
    private final Database db;
    private final ChangeHub hub;
    private final HybridLogicalClock clock;
    private final StampBound bound;
    private final Metrics metrics;
    private final EventService events;

    /**
     * Items that may wait for an event's turn before pushes are refused (429): four full batches,
     * a few seconds of ingest on a venue laptop, well inside a kiosk's request timeout. Beyond
     * that a door would wait longer than it waits for an answer, give up and push again.
     */
    public static final int MAX_WAITING_ITEMS = 4 * PushRequest.MAX_ITEMS;

    /**
     * Of those, what one client (a door's or a user's token) may have waiting: one full push, and at most
     * {@value #MAX_WAITING_BATCHES_PER_CLIENT} pushes, each holding a server thread while it waits. One door keeping
     * pushes waiting filled the queue and had every other door of the event refused.
     */
    public static final int MAX_WAITING_ITEMS_PER_CLIENT = PushRequest.MAX_ITEMS;
    public static final int MAX_WAITING_BATCHES_PER_CLIENT = 4;

    /**
     * Waiting items written together in one transaction (a larger single batch is still written alone). H2 writes
     * every row of a transaction twice (once as uncommitted, again at its commit), and pages it stores before the
     * commit are stored again: 100,000 admissions took 16 % less of the writer in groups of 2,000 items than of 5,000
     * (ADR 0232).
     */
    static final int MAX_GROUP_ITEMS = 2_000;

    /**
     * Fresh items that may wait for an event's turn ahead of the rest (ADR 0236): fifty doors' live pushes of at most
     * {@link ChangeHub#MAX_LIVE_SEQS} each. Beyond it a fresh push is refused (429) like any other.
     */
    static final int MAX_WAITING_FRESH_ITEMS = 50 * ChangeHub.MAX_LIVE_SEQS;

    private final Map<UUID, EventWriteQueue<Queued, Outcome>> queues = new java.util.concurrent.ConcurrentHashMap<>();
    private final CheckInSql checkInSql;
    private final IngestSql ingestSql;

    public PushService(Database db, ChangeHub hub, HybridLogicalClock clock, StampBound bound, Metrics metrics,
                       EventService events) {
        this.events = events;
        this.checkInSql = new CheckInSql(db.dsl());
        this.ingestSql = new IngestSql(db.dsl());
        this.db = db;
        this.hub = hub;
        this.clock = clock;
        this.bound = bound;
        this.metrics = metrics;
    }

    /** Items as parsed from a push; {@code rejected} holds items that did not parse, keyed by id. */
    public record Batch(List<CheckInOp> ops, List<ParticipantPatch> patches, List<PrizeDrawing> drawings,
                        List<ScanAttempt> attempts, Map<Integer, OpResult> unreadable) {
        public Batch {
            unreadable = unreadable == null ? Map.of() : unreadable;
        }

        public static Batch ofPatches(List<ParticipantPatch> patches) {
            return new Batch(List.of(), patches, List.of(), List.of(), Map.of());
        }
    }

    /** Answers per item in the order ops, patches, drawings, attempts (the request's order within each list). */
    public record Outcome(List<OpResult> ops, List<OpResult> patches, List<OpResult> drawings,
            List<OpResult> attempts) {
        public List<OpResult> all() {
            List<OpResult> all = new ArrayList<>(ops.size() + patches.size() + drawings.size() + attempts.size());
            all.addAll(ops);
            all.addAll(patches);
            all.addAll(drawings);
            all.addAll(attempts);
            return all;
        }
    }

    /**
     * The server's own write (organizer edits, import, anonymization): it may set every field, and
     * its stamps come from this server's clock, so the drift bound for callers' stamps does not
     * apply (an organizer edit is stamped after the participant's registers, ADR 0007, which may
     * lie ahead of this server's clock when it stepped back).
     */
    public Outcome push(Event event, Batch batch) {
        return push(event, batch, FieldAuthority.Writer.ORGANIZER, Stamps.FROM_THIS_SERVER, false);
    }

    /** @param writer the authority of the caller who pushed the batch, whatever ids its items claim */
    public Outcome push(Event event, Batch batch, FieldAuthority.Writer writer) {
        return push(event, batch, writer, false);
    }

    /**
     * @param fresh the door marked these as scans made just now (ADR 0236): a batch of at most
     *              {@link ChangeHub#MAX_LIVE_SEQS} items goes ahead of the others waiting for the event's turn, and its
     *              accepted check-ins go to live subscribers at once. A larger one is written as any other.
     */
    public Outcome push(Event event, Batch batch, FieldAuthority.Writer writer, boolean fresh) {
        return push(event, batch, writer, fresh, null);
    }

    /** As {@link #push(Event, Batch, FieldAuthority.Writer, boolean)}, in {@code client}'s share (null: none). */
    public Outcome push(Event event, Batch batch, FieldAuthority.Writer writer, boolean fresh, String client) {
        return push(event, batch, writer, Stamps.FROM_CALLER, fresh && isSmall(batch), client);
    }

    private static boolean isSmall(Batch batch) {
        return batch.ops().size() + batch.patches().size() + batch.drawings().size() + batch.attempts().size()
                <= ChangeHub.MAX_LIVE_SEQS;
    }

    /** Who made the stamps of a batch: a caller's are held to the drift bound (ADR 0006). */
    private enum Stamps { FROM_CALLER, FROM_THIS_SERVER }

    private Outcome push(Event event, Batch batch, FieldAuthority.Writer writer, Stamps stamps, boolean fresh) {
        return push(event, batch, writer, stamps, fresh, null);
    }

    private Outcome push(Event event, Batch batch, FieldAuthority.Writer writer, Stamps stamps, boolean fresh,
                         String client) {
        // what does not depend on the feed position is done before queueing for the turn
        List<OpBody> ops = new ArrayList<>(batch.ops().size());
        batch.ops().forEach(raw -> ops.add(OpBody.of(raw, event.id())));
        Outcome outcome = queue(event.id())
                .write(new Queued(event, batch, ops, writer, stamps, fresh), fresh, client, this::writeGroup);
        metrics.opsIngested(outcome.all());
        return outcome;
    }

    /**
     * The longest body {@link #admit} takes as a push of fresh scans: a door's fresh push is a few scans (about a
     * kilobyte each). A longer one marked fresh is held to its client's share before it is parsed, as an unmarked one
     * is; the mark alone, which any client may set, let a door whose share was full have 8 MB parsed only to be
     * refused.
     */
    public static final int FRESH_BODY_BYTES = 256 * 1024;

    /**
     * Refuses a push before it is parsed while the event's queue is full for its kind ({@code fresh}: the smaller bound
     * of fresh scans). Only a pre-check: {@link #push} checks again, and a push marked fresh that is not small is held
     * to the common bound there.
     *
     * @throws EventBusyException when a push of this kind would be refused now
     */
    public void admit(UUID eventId, boolean fresh) {
        admit(eventId, fresh, null);
    }

    /** As {@link #admit(UUID, boolean)}, with {@code client}'s share too (null: none). */
    public void admit(UUID eventId, boolean fresh, String client) {
        EventWriteQueue<Queued, Outcome> queue = queues.get(eventId);
        if (queue != null) {
            queue.admit(fresh, client);
        }
    }

    private EventWriteQueue<Queued, Outcome> queue(UUID eventId) {
        return queues.computeIfAbsent(eventId,
                id -> new EventWriteQueue<Queued, Outcome>(MAX_GROUP_ITEMS, MAX_WAITING_ITEMS, MAX_WAITING_FRESH_ITEMS,
                        Queued::items).perClient(MAX_WAITING_ITEMS_PER_CLIENT, MAX_WAITING_BATCHES_PER_CLIENT));
    }

    /** Whether a writer holds the event's turn now (for tests). */
    public boolean turnTaken(UUID eventId) {
        EventWriteQueue<Queued, Outcome> queue = queues.get(eventId);
        return queue != null && queue.turnTaken();
    }

    /** Items waiting for the event's turn (for tests and metrics). */
    public int waitingItems(UUID eventId) {
        EventWriteQueue<Queued, Outcome> queue = queues.get(eventId);
        return queue == null ? 0 : queue.waitingItems();
    }

    /** Writes the batches in one transaction, as a group of waiting writers is written (for tests). */
    List<Outcome> pushTogether(Event event, List<Batch> batches) {
        List<Queued> group = new ArrayList<>();
        for (Batch batch : batches) {
            List<OpBody> ops = new ArrayList<>();
            batch.ops().forEach(raw -> ops.add(OpBody.of(raw, event.id())));
            group.add(new Queued(event, batch, ops, FieldAuthority.Writer.ORGANIZER, Stamps.FROM_CALLER, false));
        }
        return writeGroup(group, () -> { });
    }

    /** A batch waiting for its event's turn. */
    private record Queued(Event event, Batch batch, List<OpBody> ops, FieldAuthority.Writer writer, Stamps stamps,
                          boolean fresh) {
        int items() {
            return ops.size() + batch.patches().size() + batch.drawings().size() + batch.attempts().size();
        }

        /** The bound the batch's stamps are held to, or null for this server's own. */
        StampBound bound(StampBound forCallers) {
            return stamps == Stamps.FROM_CALLER ? forCallers : null;
        }
    }

    /**
     * Writes batches of one event in one transaction, as if one after the other: each gets the
     * answers it would get alone.
     */
    private List<Outcome> writeGroup(List<Queued> group, Runnable releaseTurn) {
        UUID eventId = group.get(0).event().id();
        List<Outcome> outcomes = new ArrayList<>(group.size());
        long[] start = {0};
        long last = db.inTransaction(tx -> {
            outcomes.clear();
            FeedAppender feed = FeedAppender.lock(tx, eventId);
            start[0] = feed.startSeq();
            // each batch read the event when it came; the group is judged by the event as it is now (changes to it
            // take the lock just taken), not by its first batch's copy, which may lack a day added since
            Event event = current(tx, group.get(0).event());
            EventParticipants participants = new EventParticipants(tx, event.id(), checkInSql, ingestSql);
            CheckInStates states = new CheckInStates(tx, event.id(), checkInSql);
            PatchIngest patchIngest = new PatchIngest(tx, event, feed, participants, states, ingestSql, clock);
            OpIngest opIngest = new OpIngest(tx, event, feed, participants, states, checkInSql, clock);
            DrawingIngest drawingIngest = new DrawingIngest(tx, event, feed, participants, clock);
            List<List<OpResult>> patches = new ArrayList<>();
            List<List<OpResult>> ops = new ArrayList<>();
            List<List<OpResult>> drawings = new ArrayList<>();
            for (Queued q : group) {
                StampBound stampBound = q.bound(bound);
                patches.add(patchIngest.ingest(q.batch().patches(), q.writer(), stampBound));
                ops.add(opIngest.ingest(q.ops(), stampBound));
                drawings.add(drawingIngest.ingest(q.batch().drawings(), stampBound));
            }
            // first: ops of earlier transactions are read back from the change log, and so are this one's
            feed.finish();
            states.recompute();
            AttemptIngest attemptIngest = new AttemptIngest(tx, event, ingestSql);
            for (int i = 0; i < group.size(); i++) {
                List<OpResult> attempts = attemptIngest.ingest(group.get(i).batch().attempts(), feed.lastSeq());
                outcomes.add(new Outcome(ops.get(i), patches.get(i), drawings.get(i), attempts));
            }
            // the counter's row lock orders writers until this transaction ends; the next writer may queue on it
            // now, while this one commits and (on H2) writes the commit to its file
            releaseTurn.run();
            return feed.changed() ? feed.lastSeq() : -1L;
        });
        if (last >= 0) {
            hub.publish(eventId, last);
            for (int i = 0; i < group.size(); i++) {
                if (group.get(i).fresh()) {
                    publishLive(eventId, outcomes.get(i).ops(), start[0]);
                }
            }
        }
        return outcomes;
    }

    /** The event as stored now (parsed only when it changed, {@link EventService}), or {@code asLoaded} if gone. */
    private Event current(DSLContext tx, Event asLoaded) {
        return events.load(tx, asLoaded.id()).orElse(asLoaded);
    }

    /**
     * The check-ins of a fresh batch this transaction put in the feed, for the live subscribers (ADR 0236). A retried
     * one is answered with the seq it got before: the doors had it live then, and a frame is read from its lowest seq,
     * a page's worth at most, so an old one would push the new ones out of it.
     */
    private void publishLive(UUID eventId, List<OpResult> answers, long startSeq) {
        long[] seqs = answers.stream().filter(a -> a.status() == OpStatus.ACCEPTED && a.seq() != null
                        && a.seq() > startSeq)
                .mapToLong(OpResult::seq).limit(ChangeHub.MAX_LIVE_SEQS).toArray();
        if (seqs.length > 0) {
            hub.publishLive(eventId, seqs);
        }
    }
}
