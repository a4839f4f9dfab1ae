package dev.lanyard.print.queue;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A {@link PrintJobStore} in memory: for tests and for a kiosk that runs without its database. */
public final class InMemoryPrintJobStore implements PrintJobStore {
    // a stable sort over insertion order: equal createdAt keeps submission order
    private static final Comparator<PrintJob> OLDEST_FIRST = Comparator.comparing(PrintJob::createdAt);

    private final Map<UUID, PrintJob> byId = new LinkedHashMap<>();
    private final Map<String, UUID> byKey = new LinkedHashMap<>();

    @Override
    public synchronized PrintJob insertIfAbsent(PrintJob job) {
        UUID existing = byKey.get(job.idempotencyKey());
        if (existing != null) {
            return byId.get(existing);
        }
        byId.put(job.id(), job);
        byKey.put(job.idempotencyKey(), job.id());
        return job;
    }

    @Override
    public synchronized Optional<PrintJob> find(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<PrintJob> findByKey(String idempotencyKey) {
        UUID id = byKey.get(idempotencyKey);
        return id == null ? Optional.empty() : Optional.of(byId.get(id));
    }

    @Override
    public synchronized void update(PrintJob job) {
        PrintJob old = byId.get(job.id());
        if (old == null) {
            throw new IllegalArgumentException("no print job " + job.id());
        }
        if (!old.idempotencyKey().equals(job.idempotencyKey())) {
            throw new IllegalArgumentException("a job's idempotency key cannot change");
        }
        byId.put(job.id(), job);
    }

    @Override
    public synchronized List<PrintJob> findByState(Set<PrintJobState> states) {
        return byId.values().stream().filter(j -> states.contains(j.state())).sorted(OLDEST_FIRST).toList();
    }

    @Override
    public synchronized List<PrintJob> findByBatch(String batchId) {
        return byId.values().stream().filter(j -> Objects.equals(j.batchId(), batchId)).sorted(OLDEST_FIRST).toList();
    }
}
