package dev.lanyard.kiosk.core.search;

import dev.lanyard.kiosk.core.events.ReplicaListener;
import dev.lanyard.kiosk.core.store.CheckInLog;
import dev.lanyard.kiosk.core.store.EventStore;
import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.merge.ParticipantDay;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Search as you type over an event's participants. Everything a search reads is in memory:
 * the index (rebuilt from the replica at start, kept current by replica change notifications),
 * the events (for "today") and which participant-days are checked in (loaded at start, then
 * told by every commit that changes one). A search therefore never waits for the replica,
 * whose lock a sync page or a door commit may hold.
 */
public final class SearchService implements ReplicaListener, AutoCloseable {
    public static final int DEFAULT_LIMIT = 50;
    private static final Logger LOG = LoggerFactory.getLogger(SearchService.class);
    /** Batches at least this big (feed pages) are indexed in the background; smaller ones before the call returns. */
    static final int BACKGROUND_BATCH = 1_000;
    private final Replica replica;
    private final Clock clock;
    private final Executor executor;
    private final Map<UUID, SearchIndex> indexes = new ConcurrentHashMap<>();
    private final Map<UUID, Event> events = new ConcurrentHashMap<>();
    /**
     * Per event and day: the participants checked in. Kept by day, not as a set of participant-days: a million-person
     * event holds about as many of them, and a key object and a date object each cost about 50 MB there (the kiosk's
     * heap is 1 GB, ADR 0344); the desk's count of a day is then the size of one set.
     */
    private final Map<UUID, Map<LocalDate, Set<UUID>>> checkedIn = new ConcurrentHashMap<>();
    /**
     * Index updates, in commit order: a bootstrap page is folded in here while the next one is written to the replica.
     */
    private final ExecutorService indexer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lanyard-search-index");
        t.setDaemon(true);
        return t;
    });

    public SearchService(Replica replica, Clock clock, Executor executor) {
        this.replica = replica;
        this.clock = clock;
        this.executor = executor;
    }

    /** Builds the index of every paired event from the replica (at start, and after a bootstrap). */
    public void loadAll() {
        for (Event event : replica.write(EventStore::all)) {
            load(event.id());
        }
    }

    /**
     * Participants read into the index at once when it is built: a decoded participant holds about 1.6 KB, so a
     * million read into one list first needed more than the kiosk's whole heap (a door restarted mid-event could not
     * open); a batch is some 16 MB, and each merges into the index in one pass.
     */
    public static final int LOAD_BATCH = 10_000;

    public void load(UUID eventId) {
        SearchIndex index = new SearchIndex();
        List<ParticipantDay> in = replica.write(tx -> {
            EventStore.find(tx, eventId).ifPresent(e -> events.put(e.id(), e));
            List<Participant> batch = new ArrayList<>(LOAD_BATCH);
            ParticipantStore.forEach(tx, eventId, p -> {
                batch.add(p);
                if (batch.size() == LOAD_BATCH) {
                    index.update(batch);
                    batch.clear();
                }
            });
            index.update(batch);
            return CheckInLog.checkedIn(tx, eventId);
        });
        Map<LocalDate, Set<UUID>> days = new ConcurrentHashMap<>();
        for (ParticipantDay key : in) {
            days.computeIfAbsent(key.day(), d -> ConcurrentHashMap.newKeySet()).add(key.participantId());
        }
        checkedIn.put(eventId, days);
        indexes.put(eventId, index);
    }

    public int indexedCount(UUID eventId) {
        SearchIndex index = indexes.get(eventId);
        return index == null ? 0 : index.size();
    }

    /** Participant-days of {@code day} checked in, from memory (what the desk's counter shows; no replica lock). */
    public int checkedInCount(UUID eventId, LocalDate day) {
        return checkedInOn(eventId, day).size();
    }

    public record Page(List<SearchHit> hits, boolean more) {
    }

    /** Searches now, on the caller's thread (fast enough for every keystroke; see the bench). */
    public Page search(UUID eventId, String query, LocalDate day, int limit) {
        SearchIndex index = indexes.get(eventId);
        if (index == null) {
            return new Page(List.of(), false);
        }
        SearchIndex.Result result = index.search(query, limit);
        if (result.hits().isEmpty()) {
            return new Page(List.of(), false);
        }
        Event event = events.get(eventId);
        LocalDate onDay = day != null ? day : event != null ? event.dayAt(clock.instant()) : LocalDate.now(clock);
        Set<UUID> in = checkedInOn(eventId, onDay);
        List<SearchHit> hits = new ArrayList<>(result.hits().size());
        for (SearchHit hit : result.hits()) {
            hits.add(hit.withCheckedIn(in.contains(hit.participantId())));
        }
        return new Page(hits, result.more());
    }

    public CompletableFuture<Page> searchAsync(UUID eventId, String query, LocalDate day, int limit) {
        return CompletableFuture.supplyAsync(() -> search(eventId, query, day, limit), executor);
    }

    private Set<UUID> checkedInOn(UUID eventId, LocalDate day) {
        return checkedIn.getOrDefault(eventId, Map.of()).getOrDefault(day, Set.of());
    }

    @Override
    public void checkInStatesChanged(UUID eventId, Map<ParticipantDay, Boolean> states) {
        Map<LocalDate, Set<UUID>> days = checkedIn.computeIfAbsent(eventId, id -> new ConcurrentHashMap<>());
        states.forEach((key, isIn) -> {
            if (isIn) {
                days.computeIfAbsent(key.day(), d -> ConcurrentHashMap.newKeySet()).add(key.participantId());
            } else {
                Set<UUID> in = days.get(key.day());
                if (in != null) {
                    in.remove(key.participantId());
                }
            }
        });
    }

    @Override
    public void eventChanged(Event event) {
        events.put(event.id(), event);
    }

    /**
     * Folds changed participants into the event's index, in the order changes committed. A
     * small change (a walk-in, an edit, a realtime push) is searchable when this returns; a
     * feed page is indexed on the indexer thread ({@link #awaitIndexed} waits for it).
     */
    @Override
    public void participantsChanged(UUID eventId, Collection<Participant> participants) {
        SearchIndex index = indexes.computeIfAbsent(eventId, id -> new SearchIndex());
        List<Participant> batch = List.copyOf(participants);
        Future<?> done = indexer.submit(() -> {
            try {
                index.update(batch);
            } catch (RuntimeException e) {
                LOG.error("search index update of event {} failed", eventId, e);
                throw e;
            }
        });
        if (batch.size() < BACKGROUND_BATCH) {
            await(done);
        }
    }

    /** Returns once every change told so far is in the index. */
    public void awaitIndexed() {
        await(indexer.submit(() -> { }));
    }

    private static void await(Future<?> done) {
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("updating the search index failed", e.getCause());
        }
    }

    @Override
    public void close() {
        indexer.shutdown();
    }
}
