package dev.lanyard.kiosk.core.search;

import dev.lanyard.kiosk.core.ReplicaListener;
import dev.lanyard.kiosk.core.store.CheckInLog;
import dev.lanyard.kiosk.core.store.EventStore;
import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Search as you type over an event's participants. The index is rebuilt from the replica at
 * start and kept current by replica change notifications; each hit carries whether the
 * participant is checked in on the day asked about.
 */
public final class SearchService implements ReplicaListener {
    public static final int DEFAULT_LIMIT = 50;
    private final Replica replica;
    private final Clock clock;
    private final Executor executor;
    private final Map<UUID, SearchIndex> indexes = new ConcurrentHashMap<>();

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

    public void load(UUID eventId) {
        List<Participant> all = new ArrayList<>();
        replica.write(tx -> {
            ParticipantStore.forEach(tx, eventId, all::add);
            return null;
        });
        SearchIndex index = new SearchIndex();
        index.update(all);
        indexes.put(eventId, index);
    }

    public int indexedCount(UUID eventId) {
        SearchIndex index = indexes.get(eventId);
        return index == null ? 0 : index.size();
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
        LocalDate onDay = day != null ? day : replica.write(tx -> EventStore.find(tx, eventId)).map(e -> e.dayAt(clock.instant()))
                .orElse(LocalDate.now(clock));
        List<UUID> ids = result.hits().stream().map(SearchHit::participantId).toList();
        Map<UUID, CheckInLog.DayState> states = replica.write(tx -> CheckInLog.states(tx, ids, onDay));
        List<SearchHit> hits = new ArrayList<>(result.hits().size());
        for (SearchHit hit : result.hits()) {
            CheckInLog.DayState state = states.get(hit.participantId());
            hits.add(hit.withCheckedIn(state != null && state.checkedIn()));
        }
        return new Page(hits, result.more());
    }

    public CompletableFuture<Page> searchAsync(UUID eventId, String query, LocalDate day, int limit) {
        return CompletableFuture.supplyAsync(() -> search(eventId, query, day, limit), executor);
    }

    @Override
    public void participantsChanged(UUID eventId, Collection<Participant> participants) {
        indexes.computeIfAbsent(eventId, id -> new SearchIndex()).update(participants);
    }
}
