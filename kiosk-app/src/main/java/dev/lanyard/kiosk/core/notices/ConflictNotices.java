package dev.lanyard.kiosk.core.notices;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lanyard.kiosk.core.store.NoticeStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.core.store.Tx;
import dev.lanyard.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The conflict notices staff have to see: listing, acknowledging, and telling listeners of new ones. */
public final class ConflictNotices {
    private static final Logger LOG = LoggerFactory.getLogger(ConflictNotices.class);
    private final Replica replica;
    private final List<ConflictListener> listeners = new CopyOnWriteArrayList<>();

    public ConflictNotices(Replica replica) {
        this.replica = replica;
    }

    public void addListener(ConflictListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ConflictListener listener) {
        listeners.remove(listener);
    }

    /** Notices not yet acknowledged, oldest first. */
    public List<ConflictNotice> open() {
        return replica.write(tx -> NoticeStore.open(tx).stream().map(ConflictNotices::of).toList());
    }

    public List<ConflictNotice> all() {
        return replica.write(tx -> NoticeStore.all(tx).stream().map(ConflictNotices::of).toList());
    }

    public boolean acknowledge(long id) {
        return replica.write(tx -> NoticeStore.acknowledge(tx, id));
    }

    /**
     * Stores a notice of {@code kind} in {@code tx} unless one was ever raised for {@code key} (acknowledged or
     * not), and tells the listeners after the commit.
     *
     * @param key what the notice is about once, e.g. an event and a feed type
     * @return whether it was raised now
     */
    public boolean raiseOnce(Tx tx, UUID eventId, ConflictNotice.Kind kind, String key, Map<String, String> facts,
                             long now) {
        UUID subject = UUID.nameUUIDFromBytes((kind + "/" + key).getBytes(StandardCharsets.UTF_8));
        Optional<NoticeStore.Row> row = NoticeStore.addIfAbsent(tx, eventId, kind.name(), subject, null,
                stored(facts), now);
        row.ifPresent(r -> tx.afterCommit(() -> publish(of(r))));
        return row.isPresent();
    }

    /** Called after the commit that stored {@code notice}. */
    public void publish(ConflictNotice notice) {
        for (ConflictListener listener : listeners) {
            try {
                listener.onNotice(notice);
            } catch (RuntimeException e) {
                LOG.warn("conflict listener failed", e);
            }
        }
    }

    public static ConflictNotice of(NoticeStore.Row row) {
        return new ConflictNotice(row.id(), row.eventId(), ConflictNotice.Kind.valueOf(row.kind()), row.subjectId(),
                row.participantId(),
                parameters(row.message()), row.createdAt(), row.acknowledged());
    }

    /**
     * A notice's facts as stored: a JSON object of {@link ConflictNotice.Param}s. A notice
     * stored before notices had parameters holds an English sentence: it is kept as the text.
     */
    static Map<String, String> parameters(String stored) {
        if (stored != null && stored.startsWith("{")) {
            try {
                Map<String, String> read = new LinkedHashMap<>();
                Json.mapper().readTree(stored).fields()
                        .forEachRemaining(f -> read.put(f.getKey(), f.getValue().asText()));
                return read;
            } catch (JsonProcessingException e) {
                // not JSON after all: an old sentence that happened to start with a brace
            }
        }
        return stored == null ? Map.of() : Map.of(ConflictNotice.Param.TEXT, stored);
    }

    /** The stored form of a notice's facts (see {@link #parameters}). */
    public static String stored(Map<String, String> parameters) {
        return Json.write(new TreeMap<>(parameters));
    }
}
