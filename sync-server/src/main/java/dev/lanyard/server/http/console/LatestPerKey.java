package dev.lanyard.server.http.console;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;

/**
 * Hands the latest value given for a key to {@code deliver} on {@code executor}, with at most one delivery per key
 * waiting: a value given while one waits replaces its value (the larger wins) instead of queueing another. A
 * dashboard only needs "look again, the feed is at n", and a storm commits many times a second; one queued task per
 * commit grew without bound while a viewer's slow connection held the sending thread.
 */
final class LatestPerKey<K> {
    private final Map<K, Long> waiting = new ConcurrentHashMap<>();
    private final Executor executor;
    private final BiConsumer<K, Long> deliver;

    LatestPerKey(Executor executor, BiConsumer<K, Long> deliver) {
        this.executor = executor;
        this.deliver = deliver;
    }

    void offer(K key, long value) {
        boolean[] first = {false};
        waiting.compute(key, (k, before) -> {
            first[0] = before == null;
            return before == null ? value : Math.max(before, value);
        });
        if (!first[0]) {
            return;
        }
        try {
            executor.execute(() -> {
                Long latest = waiting.remove(key);
                if (latest != null) {
                    deliver.accept(key, latest);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            waiting.remove(key);
        }
    }

    /** Keys with a delivery waiting. */
    int waiting() {
        return waiting.size();
    }
}
