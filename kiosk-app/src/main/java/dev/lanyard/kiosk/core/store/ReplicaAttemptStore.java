package dev.lanyard.kiosk.core.store;

import dev.lanyard.kiosk.core.attempts.AttemptLimiter;
import java.util.function.UnaryOperator;

/** An attempt counter kept as one named setting of the replica: it survives restarts with the replica. */
public final class ReplicaAttemptStore implements AttemptLimiter.Store {
    public static final String SELF_SERVICE_EXIT = "attempts.selfServiceExit";
    private final Replica replica;
    private final String name;

    public ReplicaAttemptStore(Replica replica, String name) {
        this.replica = replica;
        this.name = name;
    }

    @Override
    public AttemptLimiter.Counter update(UnaryOperator<AttemptLimiter.Counter> change) {
        // one write transaction: the replica's single writer makes read-change-write atomic
        return replica.write(tx -> {
            AttemptLimiter.Counter before = Settings.get(tx, name).map(ReplicaAttemptStore::parse)
                    .orElse(AttemptLimiter.Counter.NONE);
            AttemptLimiter.Counter after = change.apply(before);
            if (!after.equals(before)) {
                Settings.put(tx, name, after.failures() + " " + after.lastFailureAt());
            }
            return after;
        });
    }

    private static AttemptLimiter.Counter parse(String value) {
        String[] parts = value.split(" ");
        return new AttemptLimiter.Counter(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
    }
}
