package dev.lanyard.kiosk.core.peer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** A peer log in memory, for the pure tests: appends only what {@link AntiEntropy#receive} calls new. */
final class MemoryPeerLog implements PeerLog {
    private final Map<String, List<PeerItem>> byOrigin = new TreeMap<>();
    private VersionVector vector = VersionVector.EMPTY;

    /** An item made here, as {@code origin}'s next. */
    PeerItem make(String origin, PeerItem.Kind kind, String body) {
        PeerItem item = new PeerItem(origin, vector.get(origin) + 1, kind, UUID.randomUUID(), body);
        append(item);
        return item;
    }

    AntiEntropy.Receipt accept(PeerItem item) {
        AntiEntropy.Receipt receipt = AntiEntropy.receive(vector, item);
        if (receipt == AntiEntropy.Receipt.NEW) {
            append(item);
        }
        return receipt;
    }

    private void append(PeerItem item) {
        byOrigin.computeIfAbsent(item.origin(), o -> new ArrayList<>()).add(item);
        vector = vector.with(item.origin(), item.counter());
    }

    Set<UUID> itemIds() {
        Set<UUID> out = new HashSet<>();
        byOrigin.values().forEach(items -> items.forEach(i -> out.add(i.itemId())));
        return out;
    }

    @Override
    public VersionVector vector() {
        return vector;
    }

    @Override
    public List<PeerItem> read(String origin, long after, int limit) {
        List<PeerItem> items = byOrigin.getOrDefault(origin, List.of());
        int from = (int) Math.min(after, items.size());
        return List.copyOf(items.subList(from, Math.min(items.size(), from + limit)));
    }
}
