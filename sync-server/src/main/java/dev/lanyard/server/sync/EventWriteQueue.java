package dev.lanyard.server.sync;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToIntFunction;

/**
 * Writers of one event take turns (their writes are serialised by the event's feed lock anyway,
 * see ADR 0200). Whoever gets the turn writes every batch that is waiting at that moment, its own
 * included, in one go, and hands each waiting writer its own answer: under load, four doors
 * pushing at once cost one transaction instead of four (ADR 0211). An urgent batch (a door's fresh
 * scans, ADR 0236) joins the next group ahead of the others and is refused only when urgent ones
 * alone fill their own, smaller bound: a reconnect storm's backlog does not make a new scan wait
 * for a door's retry.
 *
 * @param <T> a waiting batch
 * @param <R> its answer
 */
final class EventWriteQueue<T, R> {
    /** Writes a group of batches and answers each; may give up the turn early (before its commit). */
    interface GroupWriter<T, R> {
        /** @return one answer per batch, in order */
        List<R> write(List<T> group, Runnable releaseTurn);
    }

    private final ReentrantLock turn = new ReentrantLock(true);
    private final ArrayDeque<Waiting<T, R>> waiting = new ArrayDeque<>();
    private int waitingItems;
    private int waitingUrgentItems;
    private final int maxGroupItems;
    private final int maxWaitingItems;
    private final int maxWaitingUrgentItems;
    private final ToIntFunction<T> items;
    /** What each client has waiting, by the key its caller gave; absent when nothing. */
    private final Map<String, Share> shares = new HashMap<>();
    private int maxItemsPerClient = Integer.MAX_VALUE;
    private int maxBatchesPerClient = Integer.MAX_VALUE;

    /** One client's waiting items and batches. */
    private static final class Share {
        int items;
        int batches;
    }

    /**
     * @param maxGroupItems   a group is closed when it would hold more items than this (a single
     *                        batch larger than that is still written, alone)
     * @param maxWaitingItems a batch is refused while this many items or more wait for the turn
     * @param items           the number of items of a batch
     */
    EventWriteQueue(int maxGroupItems, int maxWaitingItems, ToIntFunction<T> items) {
        this(maxGroupItems, maxWaitingItems, 0, items);
    }

    /** @param maxWaitingUrgentItems an urgent batch is refused while this many urgent items or more wait */
    EventWriteQueue(int maxGroupItems, int maxWaitingItems, int maxWaitingUrgentItems, ToIntFunction<T> items) {
        this.maxGroupItems = maxGroupItems;
        this.maxWaitingItems = maxWaitingItems;
        this.maxWaitingUrgentItems = maxWaitingUrgentItems;
        this.items = items;
    }

    /**
     * Bounds what one client may have waiting, so that one door keeping pushes waiting cannot fill the queue (or the
     * server's threads) for every other door of the event: at most {@code maxItems} items, its first batch always
     * taken whatever its size, and at most {@code maxBatches} batches.
     */
    EventWriteQueue<T, R> perClient(int maxItems, int maxBatches) {
        this.maxItemsPerClient = maxItems;
        this.maxBatchesPerClient = maxBatches;
        return this;
    }

    private static final class Waiting<T, R> {
        final T batch;
        final boolean urgent;
        final String client;
        final CompletableFuture<R> answer = new CompletableFuture<>();
        boolean taken;

        Waiting(T batch, boolean urgent, String client) {
            this.batch = batch;
            this.urgent = urgent;
            this.client = client;
        }
    }

    /** Whether a writer holds the event's turn now (for tests). */
    boolean turnTaken() {
        return turn.isLocked();
    }

    /** Batches waiting for the turn (for tests). */
    int waiting() {
        synchronized (waiting) {
            return waiting.size();
        }
    }

    /** Items of the batches waiting for the turn. */
    int waitingItems() {
        synchronized (waiting) {
            return waitingItems;
        }
    }

    /**
     * Whether a batch of this kind would be refused now, without a batch: a caller can refuse before it has read one.
     *
     * @throws EventBusyException when it would
     */
    void admit(boolean urgent) {
        admit(urgent, null);
    }

    /** As {@link #admit(boolean)}, for a batch of {@code client} (null: a caller without a share, the server's own). */
    void admit(boolean urgent, String client) {
        synchronized (waiting) {
            refuseIfFull(urgent, client, 0);
        }
    }

    private void refuseIfFull(boolean urgent, String client, int batchItems) {
        if (urgent ? waitingUrgentItems >= maxWaitingUrgentItems : waitingItems >= maxWaitingItems) {
            throw new EventBusyException(urgent ? waitingUrgentItems : waitingItems);
        }
        Share share = client == null ? null : shares.get(client);
        if (share == null) {
            return; // a client's first batch is taken whatever its size
        }
        // an urgent batch (a door's fresh scans, bounded with the others' by maxWaitingUrgentItems) is not held to the
        // client's items: a door whose full backlog push waits must still send what it scanned just now. The second
        // test is admit()'s, asked before a batch is read (0 items): a full share refuses it too
        boolean overItems = !urgent && (share.items + batchItems > maxItemsPerClient
                || share.items >= maxItemsPerClient);
        if (share.batches >= maxBatchesPerClient || overItems) {
            throw new EventBusyException(share.items);
        }
    }

    /**
     * Writes {@code batch}, alone or with others waiting at the same time, and returns its answer.
     *
     * @throws EventBusyException when {@code maxWaitingItems} or more already wait; nothing was written
     */
    R write(T batch, GroupWriter<T, R> writer) {
        return write(batch, false, null, writer);
    }

    /**
     * As {@link #write(Object, GroupWriter)}; an urgent batch goes into the next group ahead of the others waiting,
     * and only the urgent items waiting count against it.
     */
    R write(T batch, boolean urgent, GroupWriter<T, R> writer) {
        return write(batch, urgent, null, writer);
    }

    /** As {@link #write(Object, boolean, GroupWriter)}, the batch counted in {@code client}'s share (null: none). */
    R write(T batch, boolean urgent, String client, GroupWriter<T, R> writer) {
        Waiting<T, R> me = new Waiting<>(batch, urgent, client);
        synchronized (waiting) {
            int n = items.applyAsInt(batch);
            refuseIfFull(urgent, client, n);
            waiting.add(me);
            waitingItems += n;
            waitingUrgentItems += urgent ? n : 0;
            if (client != null) {
                Share share = shares.computeIfAbsent(client, c -> new Share());
                share.items += n;
                share.batches++;
            }
        }
        turn.lock();
        boolean[] held = {true};
        Runnable release = () -> {
            if (held[0]) {
                held[0] = false;
                turn.unlock();
            }
        };
        try {
            List<Waiting<T, R>> group = take(me);
            if (!group.isEmpty()) {
                writeGroup(group, writer, release);
            }
        } finally {
            release.run();
        }
        try {
            return me.answer.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * The waiting batches, urgent ones first, each kind in arrival order, as many as fit, {@code me} always among
     * them; empty if another writer took {@code me}.
     */
    private List<Waiting<T, R>> take(Waiting<T, R> me) {
        synchronized (waiting) {
            if (me.taken) {
                return new ArrayList<>();
            }
            List<Waiting<T, R>> urgentFirst = new ArrayList<>(waiting.size());
            waiting.forEach(w -> {
                if (w.urgent) {
                    urgentFirst.add(w);
                }
            });
            waiting.forEach(w -> {
                if (!w.urgent) {
                    urgentFirst.add(w);
                }
            });
            List<Waiting<T, R>> group = fitting(urgentFirst, me, w -> items.applyAsInt(w.batch), maxGroupItems);
            for (Waiting<T, R> w : group) {
                w.taken = true;
                int n = items.applyAsInt(w.batch);
                waitingItems -= n;
                waitingUrgentItems -= w.urgent ? n : 0;
                Share share = w.client == null ? null : shares.get(w.client);
                if (share != null) {
                    share.items -= n;
                    if (--share.batches == 0) {
                        shares.remove(w.client);
                    }
                }
            }
            waiting.removeIf(w -> w.taken);
            return group;
        }
    }

    /**
     * Of {@code arrivals}, in their order, {@code mine} and as many others as fit beside it within {@code limit} items.
     * Mine is counted first: it is in the group wherever it waits, so batches that came before it must not take its
     * room (they did, and a group could pass the limit by one batch when a later writer got the turn).
     */
    static <B> List<B> fitting(Collection<B> arrivals, B mine, ToIntFunction<B> items, int limit) {
        List<B> group = new ArrayList<>();
        int total = items.applyAsInt(mine);
        for (B b : arrivals) {
            if (b != mine) {
                int n = items.applyAsInt(b);
                if (total + n > limit) {
                    continue;
                }
                total += n;
            }
            group.add(b);
        }
        return group;
    }

    private void writeGroup(List<Waiting<T, R>> group, GroupWriter<T, R> writer, Runnable release) {
        List<T> batches = new ArrayList<>(group.size());
        group.forEach(w -> batches.add(w.batch));
        try {
            List<R> answers = writer.write(batches, release);
            for (int i = 0; i < group.size(); i++) {
                group.get(i).answer.complete(answers.get(i));
            }
        } catch (RuntimeException | Error failed) {
            if (group.size() == 1) {
                group.get(0).answer.completeExceptionally(failed);
                return;
            }
            // one batch must not fail the others: each is written on its own (the database's lock still orders them)
            for (Waiting<T, R> w : group) {
                try {
                    w.answer.complete(writer.write(List.of(w.batch), () -> { }).get(0));
                } catch (RuntimeException | Error alone) {
                    w.answer.completeExceptionally(alone);
                }
            }
        }
    }
}
