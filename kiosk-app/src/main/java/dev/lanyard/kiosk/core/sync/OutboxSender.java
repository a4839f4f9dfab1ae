package dev.lanyard.kiosk.core.sync;

import dev.lanyard.kiosk.core.clock.ClockOffset;
import dev.lanyard.kiosk.core.clock.DeviceClock;
import dev.lanyard.kiosk.core.notices.ConflictNotice;
import dev.lanyard.kiosk.core.notices.ConflictNotices;
import dev.lanyard.kiosk.core.store.CheckInLog;
import dev.lanyard.kiosk.core.store.DrawingStore;
import dev.lanyard.kiosk.core.store.DeadLetterStore;
import dev.lanyard.kiosk.core.store.EventStore;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.core.store.Tx;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.PrizeDrawing;
import dev.lanyard.model.ScanAttempt;
import dev.lanyard.model.TicketCodes;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.model.protocol.PushResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox to the server in batches, oldest first. The server's answer for each item
 * decides what happens to its row ({@link PushFailurePolicy} is the whole table): rejected for
 * what it says, it moves to the dead letters with the reason; not understood by the server's
 * version (this door is newer), it is held until the door reconnects (ADR 0336); refused because
 * this laptop's clock was ahead, it is stamped anew and sent again;
 * accepted, it waits until the change feed shows it (see {@link OutboxStore#confirm}), and is
 * sent again if the feed passes its seq without it. When the server cannot be reached the sender waits with exponential
 * backoff and jitter and tries again, for ever; when the connection comes back it sends at
 * once. A batch the server refuses as a whole (too large, malformed) is halved until the one
 * bad item is found, so one poisoned item cannot hold up the rest. Items go as stored, unread
 * ({@link PushBody}): the server, not this door's version, judges whether one can be read.
 *
 * <p>Check-ins scanned in the last {@link #FRESH_FOR} while the sender runs are fresh: each batch first takes those,
 * up to {@link OutboxStore#FRESH_LIMIT}, ahead of the backlog, in a push marked live that the server writes ahead of
 * other doors' backlogs and sends to their live sockets at once (ADR 0236). A check-in whose participant has a patch
 * still unsent (a walk-in made offline) keeps its place behind it. Given a lane of their own ({@link #useFreshLane}),
 * fresh check-ins are also sent from there while a backlog push waits for its answer; each row is claimed by one
 * push at a time, so no item travels in two pushes at once.
 *
 * <p>Timers run on the scheduler given; {@link #flushNow} may also be called directly (the
 * CLI). Flushes never overlap.
 */
public final class OutboxSender {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    private final Replica replica;
    private final ServerApi api;
    private final ScheduledExecutorService scheduler;
    private final Backoff backoff;
    private final Clock clock;
    private final SyncStatusTracker status;
    private final String deviceId;
    private final int batchSize;
    private final ReentrantLock flushing = new ReentrantLock();
    private final Object timerLock = new Object();
    private ScheduledFuture<?> timer;
    /**
     * Which chain of timed flushes is the live one (under {@link #timerLock}): a reconnect starts a new one while a
     * flush of the old may still be sending, and that flush must not schedule its own next try as well (two chains
     * pushed twice as often and doubled the backoff's count).
     */
    private long chain;
    private boolean backingOff;
    /** The backoff running is a busy server's (429): it refused a backlog, not the door (ADR 0236). */
    private boolean onlyBusy;
    /** A wake arrived while a flush was running: its items may have been missed, flush again. */
    private boolean again;
    private int failures;
    /** Reconnects waiting for the flush they started to end: {@link #connectionRestored}. */
    private final List<CompletableFuture<Void>> waitingForFlush = new ArrayList<>();
    /** Timers run only between {@link #start} and {@link #stop}; {@link #flushNow} always works. */
    private volatile boolean stopped = true;
    /** Rows above this id were made since the sender started (ADR 0236); none before it first does. */
    private volatile long freshAfter = Long.MAX_VALUE;
    /**
     * How long a scan counts as fresh (ADR 0236): the other doors want it now. What a door scanned offline for longer
     * is the backlog it sends in order.
     */
    static final java.time.Duration FRESH_FOR = java.time.Duration.ofSeconds(30);
    /** Rows a push is carrying now: the other sending thread leaves them out. Claimed under {@link #claiming}. */
    private final Set<Long> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Object claiming = new Object();
    private volatile java.util.concurrent.Executor freshLane;
    private final AtomicBoolean freshQueued = new AtomicBoolean();

    private final DeviceClock hlc;
    private final ClockOffset offset;
    private final ConflictNotices notices;

    public OutboxSender(Replica replica, ServerApi api, ScheduledExecutorService scheduler, Backoff backoff,
                        Clock clock,
                        SyncStatusTracker status, String deviceId, int batchSize, DeviceClock hlc, ClockOffset offset,
                        ConflictNotices notices) {
        if (batchSize < 1 || batchSize > PushRequest.MAX_ITEMS) {
            throw new IllegalArgumentException("batchSize must be 1.." + PushRequest.MAX_ITEMS);
        }
        this.replica = replica;
        this.api = api;
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.clock = clock;
        this.status = status;
        this.deviceId = deviceId;
        this.batchSize = batchSize;
        this.hlc = hlc;
        this.offset = offset;
        this.notices = notices;
    }

    /**
     * What one flush did. {@code error} is null when it ended because the outbox was empty.
     *
     * @param restamped items the server refused for this laptop's clock, stamped anew and sent again
     * @param held items the server's version did not understand, kept until the door reconnects (ADR 0336)
     */
    public record Flush(int sent, int deadLettered, int remaining, SyncException error, int restamped, int held) {
        public Flush(int sent, int deadLettered, int remaining, SyncException error) {
            this(sent, deadLettered, remaining, error, 0, 0);
        }

        public boolean succeeded() {
            return error == null;
        }
    }

    /**
     * Fresh check-ins may also go from {@code lane} (a thread of its own) while the scheduler's flush waits for a
     * backlog push's answer (ADR 0236). Call before {@link #start}.
     */
    public void useFreshLane(java.util.concurrent.Executor lane) {
        this.freshLane = lane;
    }

    /** Something was added: send soon, unless a backoff wait is running (it will send when it ends). */
    public void wake() {
        wakeFreshLane();
        wakeFlush();
    }

    /** The scheduler's flush alone: what the fresh lane could not send goes there. */
    private void wakeFlush() {
        synchronized (timerLock) {
            again = true;
            if (stopped || backingOff || timer != null && !timer.isDone()) {
                return;
            }
            timer = schedule(0);
        }
    }

    /** Schedules the live chain's next flush; under {@link #timerLock}. */
    private ScheduledFuture<?> schedule(long delayMillis) {
        long mine = chain;
        return scheduler.schedule(() -> flushOnTimer(mine), delayMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * The server is reachable again: forget the backoff and send now.
     *
     * @return ends when that flush ends: everything unsent was sent, or the server could not take it now (the
     * sender then waits out its backoff as usual); a server that is only busy (429) is waited for and sent
     * the rest; at once when the sender is stopped
     */
    public CompletionStage<Void> connectionRestored() {
        // the server may have been updated while the door was away: what it did not understand goes again
        releaseHeld();
        CompletableFuture<Void> flushed = new CompletableFuture<>();
        synchronized (timerLock) {
            if (stopped) {
                flushed.complete(null);
                return flushed;
            }
            if (timer != null) {
                timer.cancel(false);
            }
            backingOff = false;
            waitingForFlush.add(flushed);
            chain++;
            timer = schedule(0);
        }
        return flushed;
    }

    /** (Re)starts sending on the scheduler after {@link #stop}; a new sender starts running. */
    public void start() {
        markBacklog();
        synchronized (timerLock) {
            stopped = false;
            backingOff = false;
        }
        wake();
    }

    /**
     * What waits from before the sender started is backlog; later scans are fresh for {@link #FRESH_FOR} (ADR 0236).
     * Not moved on a reconnect: a scan made just before the link dropped is as fresh after it.
     */
    void markBacklog() {
        freshAfter = replica.write(OutboxStore::lastId);
    }

    /** Stops the timers; {@link #flushNow} still works (the CLI and tests drive it by hand). */
    public void stop() {
        synchronized (timerLock) {
            stopped = true;
            if (timer != null) {
                timer.cancel(false);
            }
        }
        flushEnded();
    }

    /** Consecutive failed flushes since the last good one. */
    public int failures() {
        synchronized (timerLock) {
            return failures;
        }
    }

    private void flushOnTimer(long mine) {
        boolean busy = false;
        try {
            busy = flushAndScheduleNext(mine);
        } finally {
            // a busy server asked for the rest in a moment: a reconnect's wait goes on until it takes them
            if (!busy || stopped) {
                flushEnded();
            }
        }
    }

    /** Outside the timer's lock: what waits on a reconnect's flush goes on from here. */
    private void flushEnded() {
        List<CompletableFuture<Void>> waiting;
        synchronized (timerLock) {
            waiting = new ArrayList<>(waitingForFlush);
            waitingForFlush.clear();
        }
        waiting.forEach(w -> w.complete(null));
    }

    /**
     * @return whether the flush ended on a busy server (429), which is sent the rest after its Retry-After, or was
     * overtaken by a newer chain, whose flush ends what waits
     */
    private boolean flushAndScheduleNext(long mine) {
        synchronized (timerLock) {
            again = false;
        }
        Flush result;
        try {
            result = flushNow();
        } catch (RuntimeException e) {
            LOG.error("outbox flush failed unexpectedly", e);
            result = new Flush(0, 0, -1, new SyncException(SyncException.Kind.SERVER, 0, e.toString(), e));
        }
        synchronized (timerLock) {
            if (stopped) {
                return false;
            }
            if (mine != chain) {
                return true;
            }
            if (result.succeeded()) {
                failures = 0;
                backingOff = false;
                timer = null;
                if (result.remaining() > 0 || again) {
                    timer = schedule(0);
                }
            } else {
                failures++;
                backingOff = true;
                onlyBusy = result.error().kind() == SyncException.Kind.RATE_LIMITED;
                long delay = PushFailurePolicy.waitBefore(backoff, failures, result.error()).toMillis();
                LOG.info("outbox: {} (failure {}, next try in {} ms)", result.error().getMessage(), failures, delay);
                timer = schedule(delay);
            }
            return !result.succeeded() && result.error().kind() == SyncException.Kind.RATE_LIMITED;
        }
    }

    /** Sends batches until the outbox is empty or the server cannot take more now. */
    public Flush flushNow() {
        flushing.lock();
        try {
            int sent = 0;
            int dead = 0;
            int restamped = 0;
            int held = 0;
            boolean restampedOnly = false;
            int size = batchSize;
            // an item refused whole when sent alone, and why: a dead letter once a push without it is taken. Held
            // (claimed) while it waits, so the fresh lane does not send it meanwhile
            OutboxStore.Item suspect = null;
            SyncException suspectRefusal = null;
            // an event whose suspect nothing else of its own can settle: the flush goes on with the other events
            UUID skipped = null;
            SyncException skippedRefusal = null;
            try {
                while (true) {
                    Batch next = suspect == null ? nextBatch(size, skipped) : probe(suspect);
                    List<OutboxStore.Item> batch = next.items();
                    if (batch.isEmpty() && suspect != null) {
                        // nothing else of its event to send: the refusal may be the server's trouble with that event,
                        // not the item's; the item is kept, and the other events' items go on
                        release(List.of(suspect));
                        skipped = suspect.eventId();
                        skippedRefusal = suspectRefusal;
                        suspect = null;
                        size = batchSize;
                        continue;
                    }
                    if (batch.isEmpty() && skipped != null) {
                        status.failed(skippedRefusal.getMessage());
                        status.refreshCounts();
                        return new Flush(sent, dead, remaining(), skippedRefusal, restamped, held);
                    }
                    if (batch.isEmpty()) {
                        status.refreshCounts();
                        return new Flush(sent, dead, 0, null, restamped, held);
                    }
                    try {
                        Sent done;
                        try {
                            done = send(batch, next.fresh());
                        } finally {
                            release(batch);
                        }
                        if (done.answered() == 0) {
                            // the server answered but not for these items: back off rather than spin on them
                            throw new SyncException(SyncException.Kind.SERVER, 200,
                                    "the server's answer named none of the items sent", null);
                        }
                        if (done.onlyRestamped() && restampedOnly) {
                            // refused for the clock twice in a row: the offset we learned does not satisfy the server;
                            // wait, learn again
                            throw new SyncException(SyncException.Kind.SERVER, 200,
                                    "the server still finds re-stamped items ahead of its clock", null);
                        }
                        restampedOnly = done.onlyRestamped();
                        batch.forEach(item -> refusedAlone.remove(item.id()));
                        if (suspect != null) {
                            // the server took a push without it: the item alone is what it refuses
                            deadLetter(suspect, suspectRefusal.getMessage());
                            release(List.of(suspect));
                            dead++;
                            suspect = null;
                        }
                        sent += done.accepted();
                        dead += done.deadLettered();
                        restamped += done.restamped();
                        held += done.held();
                        size = batchSize;
                        status.succeeded();
                    } catch (SyncException e) {
                        switch (PushFailurePolicy.of(e, batch.size()).action()) {
                            case SPLIT -> size = Math.max(1, batch.size() / 2);
                            case DEAD_LETTER -> {
                                OutboxStore.Item alone = batch.get(0);
                                boolean refusedBefore = refusedAloneSinceTaken(alone);
                                if (refusedBefore) {
                                    // refused alone before, and the server has taken another push since: the item
                                    deadLetter(alone, e.getMessage());
                                    dead++;
                                    size = batchSize;
                                } else if (suspect != null) {
                                    // a second item refused whole on its own: the server refuses pushes, not items
                                    status.failed(e.getMessage());
                                    status.refreshCounts();
                                    return new Flush(sent, dead, remaining(), e, restamped, held);
                                } else if (claimIfFree(alone)) {
                                    suspect = alone;
                                    suspectRefusal = e;
                                } else {
                                    // the fresh lane took it meanwhile: its answer settles it, not this flush
                                    status.failed(e.getMessage());
                                    status.refreshCounts();
                                    return new Flush(sent, dead, remaining(), e, restamped, held);
                                }
                            }
                            default -> {
                                status.failed(e.getMessage());
                                status.refreshCounts();
                                return new Flush(sent, dead, remaining(), e, restamped, held);
                            }
                        }
                    }
                }
            } finally {
                if (suspect != null) {
                    release(List.of(suspect));
                }
            }
        } finally {
            flushing.unlock();
        }
    }

    /**
     * Backlog pushes (not the fresh lane's, which the server writes another way) of each event the server answered:
     * a lone item of that event it refused whole is its own fault once it took such a push after that refusal (ADR
     * 0356).
     */
    private final Map<UUID, AtomicLong> backlogPushesTaken = new ConcurrentHashMap<>();
    /** How many lone refusals {@link #refusedAlone} remembers: a handful of malformed items at a time. */
    private static final int REFUSALS_REMEMBERED = 64;
    /** Rows refused whole when sent alone -> their event's pushes taken then; the latest few (under flushing). */
    private final Map<Long, Long> refusedAlone = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
            return size() > REFUSALS_REMEMBERED;
        }
    };

    /**
     * Whether {@code item} was refused whole alone before and a push has been taken since; either way this refusal is
     * remembered.
     */
    private boolean refusedAloneSinceTaken(OutboxStore.Item item) {
        long taken = pushesTaken(item.eventId());
        Long takenThen = refusedAlone.put(item.id(), taken);
        return takenThen != null && taken > takenThen;
    }

    private long pushesTaken(UUID eventId) {
        AtomicLong taken = backlogPushesTaken.get(eventId);
        return taken == null ? 0 : taken.get();
    }

    /** Holds a suspect the flush just released with its batch, unless the fresh lane took it meanwhile. */
    private boolean claimIfFree(OutboxStore.Item item) {
        synchronized (claiming) {
            if (inFlight.contains(item.id())) {
                return false;
            }
            claim(List.of(item));
            return true;
        }
    }

    private int remaining() {
        return replica.write(OutboxStore::unsent);
    }

    /** Items to send in one push; {@code fresh}: check-ins made in the last {@link #FRESH_FOR} (ADR 0236). */
    private record Batch(List<OutboxStore.Item> items, boolean fresh) {
    }

    /**
     * Fresh check-ins first ({@link #freshOps}); else the oldest items of the event with the oldest pending item, at
     * most one version of a drawing per batch.
     */
    private Batch nextBatch(int size, UUID skipped) {
        synchronized (claiming) {
            while (true) {
                Batch next = replica.write(tx -> candidates(size, skipped));
                if (!next.items().isEmpty() || inFlight.isEmpty() || stopped) {
                    claim(next.items());
                    return next;
                }
                // what is left is on the fresh lane: a flush ends when it is sent (a reconnect waits for it), or
                // goes on with what the lane could not send
                try {
                    claiming.wait(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Batch(List.of(), false);
                }
            }
        }
    }

    /**
     * Inside one replica transaction (the two queries' own would be two more waits for a desk's scan: ADR 0349).
     */
    private Batch candidates(int size, UUID skipped) {
        List<OutboxStore.Item> fresh = unclaimed(freshOps(size));
        return fresh.isEmpty() ? new Batch(unclaimed(oldest(size, skipped)), false) : new Batch(fresh, true);
    }

    private List<OutboxStore.Item> unclaimed(List<OutboxStore.Item> items) {
        if (inFlight.isEmpty()) {
            return items;
        }
        List<OutboxStore.Item> out = new ArrayList<>(items.size());
        for (OutboxStore.Item item : items) {
            if (!inFlight.contains(item.id())) {
                out.add(item);
            }
        }
        return out;
    }

    /**
     * One item to send while {@code suspect} waits for its verdict: a check-in or scan-log line of its event (another
     * event's push says nothing of a fault the server has with this one), the newest (the oldest may be refused for the
     * same reason as the suspect), whose order the server does not need and whose stored copy is whole (a damaged one
     * is set aside without a request, which proves nothing); none when there is no such item.
     */
    private Batch probe(OutboxStore.Item suspect) {
        synchronized (claiming) {
            List<OutboxStore.Item> candidates = unclaimed(replica.write(tx -> orderFree(tx,
                    OutboxStore.newestUnordered(tx, suspect.eventId(), suspect.id(), OutboxStore.FRESH_LIMIT))));
            List<OutboxStore.Item> one = candidates.stream()
                    .filter(item -> PushBody.of(deviceId, List.of(item)).damaged().isEmpty()).limit(1).toList();
            claim(one);
            return new Batch(one, false);
        }
    }

    /** Under {@link #claiming}, with the query that found them. */
    private void claim(List<OutboxStore.Item> batch) {
        batch.forEach(item -> inFlight.add(item.id()));
    }

    private void release(List<OutboxStore.Item> batch) {
        synchronized (claiming) {
            batch.forEach(item -> inFlight.remove(item.id()));
            claiming.notifyAll();
        }
    }

    /**
     * Queues one run of the fresh lane while the flush waits for a push's answer or for a busy server's Retry-After
     * (the server takes fresh pushes under a bound of their own); otherwise the flush itself sends fresh items first,
     * and a backoff for any other failure holds them too.
     */
    private void wakeFreshLane() {
        java.util.concurrent.Executor lane = freshLane;
        if (lane == null || stopped || freshAfter == Long.MAX_VALUE) {
            return;
        }
        synchronized (timerLock) {
            boolean waiting = backingOff ? onlyBusy : flushing.isLocked();
            if (!waiting) {
                return;
            }
        }
        if (!freshQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            lane.execute(this::sendFresh);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            freshQueued.set(false);
        }
    }

    /**
     * Sends what is fresh and unclaimed, marked live, until nothing is or a push fails: whatever it could not send
     * stays unsent for the scheduler's flush, which keeps the backoff and splits what the server refuses whole.
     */
    private void sendFresh() {
        freshQueued.set(false);
        try {
            while (!stopped) {
                List<OutboxStore.Item> batch;
                synchronized (claiming) {
                    batch = unclaimed(freshOps(batchSize));
                    claim(batch);
                }
                if (batch.isEmpty()) {
                    return;
                }
                Sent done;
                try {
                    done = send(batch, true);
                    status.succeeded();
                } finally {
                    release(batch);
                }
                if (done.accepted() == 0) {
                    // refused for the clock, held or dead-lettered: the flush's rules and backoff take it from here
                    wakeFlush();
                    return;
                }
            }
        } catch (SyncException e) {
            LOG.debug("outbox: fresh check-ins not sent on their own lane ({}); the next flush sends them",
                    e.getMessage());
            wakeFlush();
        } catch (RuntimeException e) {
            LOG.warn("outbox: sending fresh check-ins failed unexpectedly; the next flush sends them", e);
            wakeFlush();
        }
    }

    /**
     * Unsent check-ins made in the last {@link #FRESH_FOR} since the sender started, of one event, those whose
     * participant has no unsent patch (a walk-in's record must reach the server first).
     */
    List<OutboxStore.Item> freshOps(int size) {
        long after = freshAfter;
        if (after == Long.MAX_VALUE) {
            return List.of();
        }
        return replica.write(tx -> {
            List<OutboxStore.Item> candidates = OutboxStore.freshOps(tx, after, clock.millis() - FRESH_FOR.toMillis(),
                    size);
            if (candidates.isEmpty()) {
                return candidates;
            }
            UUID eventId = candidates.get(0).eventId();
            return orderFree(tx, candidates.stream().filter(item -> item.eventId().equals(eventId)).toList());
        });
    }

    /**
     * Of {@code items} (at most {@link OutboxStore#FRESH_LIMIT}), in their order, those a push may carry ahead of
     * older items: scan-log lines, and check-ins whose participant has no unsent patch (a walk-in's record must reach
     * the server first). A check-in whose stored copy does not read is left out.
     */
    private static List<OutboxStore.Item> orderFree(Tx tx, List<OutboxStore.Item> items) {
        Map<OutboxStore.Item, UUID> participants = new HashMap<>();
        for (OutboxStore.Item item : items) {
            UUID participant = item.kind() == OutboxStore.Kind.OP ? participantOf(item) : null;
            if (participant != null) {
                participants.put(item, participant);
            }
        }
        Set<UUID> waiting = participants.isEmpty() ? Set.of()
                : OutboxStore.withUnsentPatches(tx, participants.values());
        List<OutboxStore.Item> out = new ArrayList<>(items.size());
        for (OutboxStore.Item item : items) {
            UUID participant = participants.get(item);
            if (item.kind() == OutboxStore.Kind.ATTEMPT || participant != null && !waiting.contains(participant)) {
                out.add(item);
            }
        }
        return out;
    }

    /** The participant a stored op names; null for a damaged copy (the backlog's send dead-letters it). */
    private static UUID participantOf(OutboxStore.Item item) {
        try {
            return Json.read(item.body(), CheckInOp.class).participantId();
        } catch (RuntimeException damaged) {
            return null;
        }
    }

    /** The oldest items of the event with the oldest unsent item, {@code skipped} (null: none) passed over. */
    private List<OutboxStore.Item> oldest(int size, UUID skipped) {
        return replica.write(tx -> {
            UUID eventId = skipped == null ? OutboxStore.oldestEvent(tx) : OutboxStore.oldestEventBut(tx, skipped);
            if (eventId == null) {
                return List.of();
            }
            List<OutboxStore.Item> items = OutboxStore.oldest(tx, eventId, size);
            Set<UUID> drawings = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                OutboxStore.Item item = items.get(i);
                if (item.kind() == OutboxStore.Kind.DRAWING && !drawings.add(item.itemId())) {
                    return items.subList(0, i);
                }
            }
            return items;
        });
    }

    /** What became of one batch's items. */
    private record Sent(int accepted, int deadLettered, int restamped, int held) {
        int answered() {
            return accepted + deadLettered + restamped + held;
        }

        /** Every item answered was refused for this laptop's clock. */
        boolean onlyRestamped() {
            return accepted + deadLettered + held == 0;
        }
    }

    private Sent send(List<OutboxStore.Item> batch, boolean fresh) throws SyncException {
        PushBody body = PushBody.of(deviceId, batch);
        body.damaged().forEach(item -> replica.write(tx -> {
            DeadLetterStore.moveAsStored(tx, item.id(), "the door's stored copy of this item is damaged",
                    clock.millis());
            return null;
        }));
        if (body.sent().isEmpty()) {
            return new Sent(0, body.damaged().size(), 0, 0);
        }
        UUID eventId = batch.get(0).eventId();
        PushResponse response = api.push(eventId, body.json(), fresh);
        Map<UUID, OpResult> answers = new HashMap<>();
        for (OpResult r : response.results()) {
            if (r != null && r.opId() != null) {
                answers.put(r.opId(), r);
            }
        }
        long now = clock.millis();
        Sent result = replica.write(tx -> {
            long position = EventStore.lastSeq(tx, eventId);
            List<Long> done = new ArrayList<>();
            Map<Long, Long> acked = new HashMap<>();
            Map<Long, Long> attempts = new HashMap<>();
            Map<UUID, Long> numbered = new HashMap<>();
            int answered = 0;
            int dead = 0;
            int restamped = 0;
            List<OpResult> notUnderstood = new ArrayList<>();
            int heldForOrigin = 0;
            for (OutboxStore.Item item : body.sent()) {
                OpResult answer = answers.get(item.itemId());
                if (answer == null || answer.status() == null || answer.seq() != null && answer.seq() < 1) {
                    // no answer, or one no server gives (seqs start at 1): the item stays unsent
                    continue;
                }
                PushFailurePolicy failure = PushFailurePolicy.of(answer);
                if (failure == null && answer.seq() == null) {
                    // taken without the seq it was given: nothing says where the server holds it, so it stays unsent
                    continue;
                }
                answered++;
                if (failure != null && failure.action() == PushFailurePolicy.Action.RESTAMP && madeElsewhere(item)) {
                    // another door's item, passed on by this one: only its own door re-stamps it (ADR 0316); here it
                    // is held until the next reconnect (the server's clock may have reached its stamp by then, or the
                    // other door's copy arrived), so it neither fails every flush nor is sent in each
                    OutboxStore.hold(tx, item.id());
                    heldForOrigin++;
                    continue;
                }
                if (failure != null && failure.action() == PushFailurePolicy.Action.RESTAMP) {
                    restamp(tx, item, answer);
                    restamped++;
                    continue;
                }
                if (failure != null && failure.action() == PushFailurePolicy.Action.HOLD) {
                    OutboxStore.hold(tx, item.id());
                    notUnderstood.add(answer);
                    continue;
                }
                if (failure != null) {
                    DeadLetterStore.add(tx, item, answer.reason(), now);
                    dead++;
                    done.add(item.id());
                    continue;
                }
                if (item.kind() == OutboxStore.Kind.OP) {
                    numbered.put(item.itemId(), answer.seq());
                }
                // the feed already went past the seq: it delivered the item before this answer was read
                // (a server that lost it could not have answered and restarted in between)
                boolean alreadyConfirmed = answer.seq() <= position;
                if (alreadyConfirmed) {
                    done.add(item.id());
                } else {
                    (item.kind() == OutboxStore.Kind.ATTEMPT ? attempts : acked).put(item.id(), answer.seq());
                }
            }
            // scan attempts are not in the feed: they wait for an item of their push to show it, if one waits
            if (acked.isEmpty()) {
                done.addAll(attempts.keySet());
            } else {
                acked.putAll(attempts);
            }
            CheckInLog.setSeqs(tx, numbered);
            OutboxStore.remove(tx, done);
            // the feed will confirm these (ChangeApplier); until then they count as pending
            OutboxStore.acknowledge(tx, acked);
            if (!notUnderstood.isEmpty()) {
                tellTheDeskTheServerNeedsUpdating(tx, eventId, notUnderstood);
            }
            int held = notUnderstood.size() + heldForOrigin;
            return new Sent(answered - dead - restamped - held, dead + body.damaged().size(), restamped, held);
        });
        if (!fresh && result.answered() > body.damaged().size()) {
            backlogPushesTaken.computeIfAbsent(eventId, e -> new AtomicLong()).incrementAndGet();
        }
        return result;
    }

    /** Whether another door made the item (this one passes it on from a peer, ADR 0316). */
    private boolean madeElsewhere(OutboxStore.Item item) {
        try {
            String origin = switch (item.kind()) {
                case OP -> Json.read(item.body(), CheckInOp.class).deviceId();
                case PATCH -> Json.read(item.body(), ParticipantPatch.class).hlc().node();
                case DRAWING -> Json.read(item.body(), PrizeDrawing.class).hlc().node();
                case ATTEMPT -> Json.read(item.body(), ScanAttempt.class).deviceId();
            };
            return origin != null && !origin.equals(deviceId);
        } catch (RuntimeException e) {
            return true; // this version cannot read it: a newer door's, passed on as it came (ADR 0337)
        }
    }

    /**
     * Stamps an item the server refused for this laptop's clock anew and keeps it for the next
     * send. Whatever this replica holds with the old stamp takes the new one too, or it would
     * diverge from the server: the check-in log's copy of an op (the door shows its time), the
     * participant registers a patch set (a later organizer edit must beat them here as on the
     * server) and the stored drawing version.
     *
     * <p>A remote write that lost here only to the old stamp (pulled while the item waited) is
     * not brought back now: the server appends its merged participant, or the drawing version
     * that stands, for every item it accepts, and that feed entry replaces the re-stamped copy
     * wherever the remote write is the later one (WrongClockConcurrentEditE2eTest).
     */
    private void restamp(Tx tx, OutboxStore.Item item, OpResult answer) {
        if (answer.serverTime() != null) {
            // the answer read just now: its time bounds the offset as well as the header does, should a proxy have
            // dropped that
            long now = clock.millis();
            offset.learn(now, now, answer.serverTime());
        }
        offset.persist(tx);
        hlc.rebase(tx, ClockOffset.DRIFT);
        long by = offset.millis();
        String body;
        switch (item.kind()) {
            case OP -> {
                CheckInOp op = Json.read(item.body(), CheckInOp.class);
                CheckInOp moved = op.restamped(hlc.restamp(tx, op.hlc(), by));
                CheckInLog.rewrite(tx, moved);
                body = Json.write(moved);
            }
            case PATCH -> {
                ParticipantPatch patch = Json.read(item.body(), ParticipantPatch.class);
                Hlc stamp = hlc.restamp(tx, patch.hlc(), by);
                ParticipantStore.restampRegisters(tx, patch.participantId(), patch.fields().keySet(), patch.hlc(),
                        stamp);
                body = Json.write(new ParticipantPatch(patch.patchId(), patch.eventId(), patch.participantId(),
                        patch.fields(), stamp,
                        patch.deviceId()));
            }
            case DRAWING -> {
                PrizeDrawing drawing = Json.read(item.body(), PrizeDrawing.class);
                Hlc stamp = hlc.restamp(tx, drawing.hlc(), by);
                PrizeDrawing moved = new PrizeDrawing(drawing.drawingId(), drawing.eventId(), drawing.prize(),
                        drawing.pool(),
                        drawing.excludePreviousWinners(), drawing.filter(), drawing.winners(), drawing.drawnBy(),
                        drawing.drawnAt(),
                        drawing.confirmed(), stamp, drawing.deviceId());
                DrawingStore.restamp(tx, drawing.hlc(), moved);
                body = Json.write(moved);
            }
            case ATTEMPT -> {
                // an attempt is a log line with a time and no HLC: move its time the same way
                ScanAttempt a = Json.read(item.body(), ScanAttempt.class);
                java.time.Instant at = a.at() == null ? null
                        : java.time.Instant.ofEpochMilli(Math.min(a.at().toEpochMilli() + by, hlc.wallMillis()));
                body = Json.write(new ScanAttempt(a.attemptId(), a.eventId(), a.participantId(), a.ticketCode(),
                        a.day(), a.outcome(),
                        a.opId(), a.deviceId(), a.operator(), at));
            }
            default -> throw new IllegalStateException("unknown outbox kind " + item.kind());
        }
        OutboxStore.replaceBody(tx, item.id(), body);
        LOG.info("outbox: {} {} re-stamped (this laptop's clock is {} ms off the server's)", item.kind(),
                item.itemId(), -by);
    }

    /** Once per event: the first reason given, bounded, as the server sent it. */
    private void tellTheDeskTheServerNeedsUpdating(Tx tx, UUID eventId, List<OpResult> answers) {
        String reason = TicketCodes.printable(answers.get(0).reason(), 200);
        LOG.warn("outbox: the server's version does not understand {} items of event {} ({}); they are kept and sent"
                + " again when the door reconnects", answers.size(), eventId, reason);
        notices.raiseOnce(tx, eventId, ConflictNotice.Kind.ITEMS_NOT_UNDERSTOOD, eventId.toString(),
                Map.of(ConflictNotice.Param.REASON, reason), clock.millis());
    }

    /**
     * Puts the items the server's version did not understand back among the unsent: called when the door
     * reconnects (an update restarts the server) and at the start of a sync round.
     *
     * @return how many went back
     */
    public int releaseHeld() {
        return replica.write(OutboxStore::releaseHeld);
    }

    /** Only an item still unsent: one another lane sent meanwhile is the server's. */
    private void deadLetter(OutboxStore.Item item, String reason) {
        replica.write(tx -> {
            if (!OutboxStore.isUnsent(tx, item.id())) {
                return null;
            }
            DeadLetterStore.add(tx, item, reason, clock.millis());
            OutboxStore.remove(tx, List.of(item.id()));
            return null;
        });
    }
}
