package dev.lanyard.rehearsal;

import dev.lanyard.kiosk.core.events.ReplicaListener;
import dev.lanyard.model.merge.ParticipantDay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Door-to-door latency: from the moment door i is asked to admit a probe attendee to the
 * moment door j's replica committed that check-in, for every other door j. Each door tells it
 * through a {@link ReplicaListener} on the thread that applied the change (the realtime
 * client's, or a pull's). All doors share one clock (one machine), so the two times compare.
 */
final class FanoutLatency {
    private record Probe(int origin, long startedNanos, Set<Integer> seenBy) {
    }

    private final Map<UUID, Probe> probes = new ConcurrentHashMap<>();
    private final List<Long> samplesNanos = new ArrayList<>();

    /** Call before asking the origin door to admit the participant. */
    void started(UUID participantId, int originDoor) {
        probes.put(participantId, new Probe(originDoor, System.nanoTime(), ConcurrentHashMap.newKeySet()));
    }

    ReplicaListener listenerFor(int door) {
        return new ReplicaListener() {
            @Override
            public void checkInsChanged(UUID eventId, Collection<ParticipantDay> keys) {
                long now = System.nanoTime();
                for (ParticipantDay key : keys) {
                    Probe p = probes.get(key.participantId());
                    if (p != null && p.origin() != door && p.seenBy().add(door)) {
                        synchronized (samplesNanos) {
                            samplesNanos.add(now - p.startedNanos());
                        }
                    }
                }
            }
        };
    }

    int probes() {
        return probes.size();
    }

    int samples() {
        synchronized (samplesNanos) {
            return samplesNanos.size();
        }
    }

    /** Pairs (probe, other door) never seen, out of {@code doors} doors. */
    int unseen(int doors) {
        return probes.values().stream().mapToInt(p -> doors - 1 - p.seenBy().size()).sum();
    }

    /** The q-quantile (0..1) in milliseconds, nearest rank; NaN without samples. */
    double quantileMs(double q) {
        long[] sorted;
        synchronized (samplesNanos) {
            sorted = samplesNanos.stream().mapToLong(Long::longValue).toArray();
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }
}
