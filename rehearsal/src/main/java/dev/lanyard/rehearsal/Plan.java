package dev.lanyard.rehearsal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to rehearse.
 *
 * @param url            an existing server (null: start one, embedded H2, as a child process)
 * @param username       with {@code password}: an admin or organizer of {@code url}
 * @param faults         what goes wrong on purpose during the storm
 * @param probesPerDoor  attendees each door keeps back to admit during the storm, one door at a time, for the
 * door-to-door latency
 * @param catchUpDoor    door 1 pushes its backlog but stays away from the feed; after the storm a fresh process opens
 * it and
 *                       times applying every other door's ops (the bench's {@code kiosk_catchup} figure)
 * @param workDir        where the doors' replicas and the server's data go (removed afterwards unless {@code keep})
 * @param scale          how many server instances the rehearsal starts, and on which database
 */
record Plan(int doors, int opsPerDoor, int probesPerDoor, String url, String username, char[] password, Faults faults,
            Duration timeout, boolean catchUpDoor, Path workDir, boolean keep, List<String> serverJvmFlags,
            Targets targets, Scale scale) {
    /** One instance on embedded H2, the rehearsal's default. */
    Plan(int doors, int opsPerDoor, int probesPerDoor, String url, String username, char[] password, Faults faults,
         Duration timeout, boolean catchUpDoor, Path workDir, boolean keep, List<String> serverJvmFlags,
         Targets targets) {
        this(doors, opsPerDoor, probesPerDoor, url, username, password, faults, timeout, catchUpDoor, workDir, keep,
                serverJvmFlags, targets, Scale.embedded());
    }

    /**
     * The servers the rehearsal starts: one on embedded H2, or {@code instances} processes on one
     * PostgreSQL behind an nginx it starts too (ADR 0227).
     *
     * @param jdbcUrl an existing PostgreSQL database (null: with more than one instance, the
     *                rehearsal starts a throwaway PostgreSQL of its own)
     */
    record Scale(int instances, String jdbcUrl, String dbUser, String dbPassword) {
        Scale {
            if (instances < 1) {
                throw new IllegalArgumentException("instances must be at least 1");
            }
            if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("--db must be a PostgreSQL JDBC URL (jdbc:postgresql://...)");
            }
        }

        static Scale embedded() {
            return new Scale(1, null, null, null);
        }

        static Scale postgres(int instances) {
            return new Scale(instances, null, null, null);
        }

        /** Several instances, or one on PostgreSQL: the servers share a database and sit behind nginx. */
        boolean behindProxy() {
            return instances > 1 || jdbcUrl != null;
        }
    }

    /** What the verdict holds the figures to (the targets for 50 doors x 2,000 ops on a 2-core machine). */
    record Targets(double serverConvergeS, double fanoutP99Ms) {
        static Targets standard() {
            return new Targets(10, 1_000);
        }
    }

    /**
     * @param killServerAt       SIGKILL the started server this long after the doors reconnect, then start it again
     * (null: never)
     * @param linkBytesPerSecond every door reaches the server through its own {@link LinkProxy} at this rate each way
     * (0: unlimited)
     * @param partitionAt        the odd-numbered doors' links are cut this long after the reconnect (null: never) ...
     * @param partitionFor       ... for this long, then healed
     */
    record Faults(Duration killServerAt, long linkBytesPerSecond, Duration partitionAt, Duration partitionFor) {
        static Faults none() {
            return new Faults(null, 0, null, null);
        }

        static Faults killAt(Duration at) {
            return new Faults(at, 0, null, null);
        }

        /**
         * Doors go through link proxies only when a link fault is asked for; otherwise they reach the server directly.
         */
        boolean links() {
            return linkBytesPerSecond > 0 || partitionAt != null;
        }
    }

    Plan {
        if (doors < 2) {
            throw new
                    IllegalArgumentException("doors must be at least 2 (latency is measured from one door to another)");
        }
        if (opsPerDoor < 1 || probesPerDoor < 0) {
            throw new IllegalArgumentException("ops per door must be positive and probes not negative");
        }
        if (url != null && (username == null || password == null)) {
            throw new IllegalArgumentException("a rehearsal against --url needs --user and a password");
        }
        Objects.requireNonNull(faults, "faults");
        if (faults.partitionAt() != null && faults.partitionFor() == null) {
            throw new IllegalArgumentException("a partition needs a length");
        }
        if (url != null && faults.killServerAt() != null) {
            throw new IllegalArgumentException("--kill-server-at needs a server the rehearsal started (no --url)");
        }
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(workDir, "workDir");
        serverJvmFlags = List.copyOf(serverJvmFlags);
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(scale, "scale");
        if (url != null && scale.behindProxy()) {
            throw new IllegalArgumentException("--instances and --db start servers; they cannot go with --url");
        }
    }

    int participants() {
        return doors * (opsPerDoor + probesPerDoor);
    }
}
