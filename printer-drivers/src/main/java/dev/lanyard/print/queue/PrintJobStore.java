package dev.lanyard.print.queue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Where print jobs live. The kiosk backs it with H2 so jobs survive a restart; tests use
 * {@link InMemoryPrintJobStore}. Contract for implementations:
 * <ul>
 * <li>{@link #insertIfAbsent} is atomic per idempotency key: of two racing inserts with one key,
 *     exactly one is stored and both calls return that stored job.</li>
 * <li>{@link #update} replaces the job with the same id as a whole, durably before it returns
 *     (the queue records "page printed" with it, and relies on it after a crash); it throws
 *     IllegalArgumentException for an unknown id.</li>
 * <li>Queries return jobs oldest first: by createdAt, and in insertion order for equal createdAt
 *     (a batch is inserted with one timestamp; an H2 store can order by an identity column).
 *     They never return null.</li>
 * <li>All methods are safe to call from several threads.</li>
 * </ul>
 */
public interface PrintJobStore {
    PrintJob insertIfAbsent(PrintJob job);

    Optional<PrintJob> find(UUID id);

    Optional<PrintJob> findByKey(String idempotencyKey);

    void update(PrintJob job);

    List<PrintJob> findByState(Set<PrintJobState> states);

    List<PrintJob> findByBatch(String batchId);
}
