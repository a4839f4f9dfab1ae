package dev.lanyard.kiosk.core.printing;

import static dev.lanyard.kiosk.core.store.jooq.Tables.PRINT_JOB;

import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.model.json.Json;
import dev.lanyard.print.queue.PrintJob;
import dev.lanyard.print.queue.PrintJobState;
import dev.lanyard.print.queue.PrintJobStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * printer-drivers' {@link PrintJobStore} in the kiosk's H2 replica (table {@code print_job}; the
 * body, which carries the badge's name, company and ticket code, is sealed with the replica's
 * field cipher). Every change is committed (durably: the replica writes each commit
 * before returning) before the call returns; reads are served from an in-memory copy loaded at
 * start, because the print queue asks for whole batches after every label and this process is
 * the replica's only writer.
 */
public final class ReplicaPrintJobStore implements PrintJobStore {
    private static final Comparator<Entry> OLDEST_FIRST = Comparator.comparing((Entry e) -> e.job.createdAt())
            .thenComparingLong(e -> e.ord);
    private final Replica replica;
    private final Map<UUID, Entry> byId = new LinkedHashMap<>();
    private final Map<String, UUID> byKey = new HashMap<>();
    private long nextOrd;
    /** Keys of stored jobs whose copy could not be read at start. */
    private final Set<String> damagedKeys = new java.util.HashSet<>();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReplicaPrintJobStore.class);

    private record Entry(long ord, PrintJob job) {
    }

    public ReplicaPrintJobStore(Replica replica) {
        this.replica = replica;
        replica.read(dsl -> {
            dsl.select(PRINT_JOB.ORD, PRINT_JOB.BODY, PRINT_JOB.IDEM_KEY).from(PRINT_JOB).orderBy(PRINT_JOB.ORD)
                    .forEach(r -> {
                nextOrd = Math.max(nextOrd, r.value1() + 1);
                PrintJob job;
                try {
                    job = Json.read(replica.cipher().openBytes(r.value2()), PrintJob.class);
                } catch (RuntimeException damaged) {
                    // one job the disk damaged must not keep the desk from printing every other badge
                    LOG.warn("print job {} ({}) cannot be read and is left out: {}", r.value1(), r.value3(),
                            damaged.getMessage());
                    damagedKeys.add(r.value3());
                    return;
                }
                byId.put(job.id(), new Entry(r.value1(), job));
                byKey.put(job.idempotencyKey(), job.id());
            });
            return null;
        });
    }

    @Override
    public synchronized PrintJob insertIfAbsent(PrintJob job) {
        UUID existing = byKey.get(job.idempotencyKey());
        if (existing != null) {
            return byId.get(existing).job;
        }
        if (byId.containsKey(job.id())) {
            throw new IllegalArgumentException("a print job with id " + job.id() + " exists under another key");
        }
        long ord = nextOrd++;
        boolean replacesDamaged = damagedKeys.contains(job.idempotencyKey());
        replica.write(tx -> {
            if (replacesDamaged) {
                // the badge asked for again: its unreadable copy gives way (it could never be printed)
                tx.dsl().deleteFrom(PRINT_JOB).where(PRINT_JOB.IDEM_KEY.eq(job.idempotencyKey())).execute();
            }
            return tx.dsl().insertInto(PRINT_JOB)
                .set(PRINT_JOB.ID, job.id()).set(PRINT_JOB.ORD, ord).set(PRINT_JOB.IDEM_KEY, job.idempotencyKey())
                .set(PRINT_JOB.BATCH_ID, job.batchId()).set(PRINT_JOB.JOB_STATE, job.state().name())
                .set(PRINT_JOB.CREATED_AT, job.createdAt().toEpochMilli())
                .set(PRINT_JOB.BODY, tx.cipher().seal(Json.writeBytes(job))).execute();
        });
        damagedKeys.remove(job.idempotencyKey());
        byId.put(job.id(), new Entry(ord, job));
        byKey.put(job.idempotencyKey(), job.id());
        return job;
    }

    @Override
    public synchronized Optional<PrintJob> find(UUID id) {
        return Optional.ofNullable(byId.get(id)).map(Entry::job);
    }

    @Override
    public synchronized Optional<PrintJob> findByKey(String idempotencyKey) {
        UUID id = byKey.get(idempotencyKey);
        return id == null ? Optional.empty() : find(id);
    }

    @Override
    public synchronized void update(PrintJob job) {
        Entry old = byId.get(job.id());
        if (old == null) {
            throw new IllegalArgumentException("no print job " + job.id());
        }
        if (!old.job.idempotencyKey().equals(job.idempotencyKey())) {
            throw new IllegalArgumentException("a print job's idempotency key cannot change (job " + job.id() + ")");
        }
        replica.write(tx -> tx.dsl().update(PRINT_JOB).set(PRINT_JOB.JOB_STATE, job.state().name())
                .set(PRINT_JOB.BATCH_ID, job.batchId()).set(PRINT_JOB.BODY, tx.cipher().seal(Json.writeBytes(job)))
                .where(PRINT_JOB.ID.eq(job.id())).execute());
        byId.put(job.id(), new Entry(old.ord, job));
    }

    @Override
    public synchronized List<PrintJob> findByState(Set<PrintJobState> states) {
        return select(j -> states.contains(j.state()));
    }

    @Override
    public synchronized List<PrintJob> findByBatch(String batchId) {
        return select(j -> Objects.equals(j.batchId(), batchId));
    }

    /** Jobs whose idempotency key starts with {@code prefix}, oldest first. */
    public synchronized List<PrintJob> findByKeyPrefix(String prefix) {
        return select(j -> j.idempotencyKey().startsWith(prefix));
    }

    private List<PrintJob> select(Predicate<PrintJob> filter) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : byId.values()) {
            if (filter.test(e.job)) {
                out.add(e);
            }
        }
        out.sort(OLDEST_FIRST);
        return out.stream().map(Entry::job).toList();
    }
}
