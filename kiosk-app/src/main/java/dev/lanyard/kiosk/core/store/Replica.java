package dev.lanyard.kiosk.core.store;

import dev.lanyard.kiosk.core.unlock.UnlockException;
import dev.lanyard.model.files.DurableH2Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local H2 replica: one file (its PII columns sealed by {@link FieldCipher}), one connection, one writer at a time.
 * H2 embedded is fastest with a single connection, and the kiosk's writers (the door, the sync threads) are few;
 * {@link WriterTurns} makes each transaction whole and lets the desk's go first. Transactions nest: an inner call
 * joins the outer one.
 */
public final class Replica implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Replica.class);
    /** H2 error codes for a wrong file password / user password. */
    private static final int FILE_ENCRYPTION_ERROR = 90049;
    private static final int WRONG_USER_OR_PASSWORD = 28000;
    private static final int DATABASE_ALREADY_OPEN = 90020;
    private static final String USER = "kiosk";
    private final DataFolder folder;
    private final FieldCipher cipher;
    private final Connection connection;
    private final DSLContext dsl;
    private final WriterTurns turns = new WriterTurns();
    private final DurableH2Files.Committed committed = new DurableH2Files.Committed();
    private final java.util.concurrent.atomic.LongAdder transactions = new java.util.concurrent.atomic.LongAdder();
    private final ThreadLocal<TxImpl> current = new ThreadLocal<>();
    private volatile boolean closed;

    private Replica(DataFolder folder, FieldCipher cipher, Connection connection) {
        this.folder = folder;
        this.cipher = cipher;
        this.connection = connection;
        Settings settings = new Settings().withRenderQuotedNames(RenderQuotedNames.NEVER).withExecuteLogging(false);
        this.dsl = DSL.using(connection, SQLDialect.H2, settings);
    }

    /**
     * Opens (creating if {@code create}) the replica in {@code folder}.
     *
     * @throws UnlockException when the secret is wrong or missing, or no replica exists and create is false
     */
    public static Replica open(DataFolder folder, char[] secret, boolean create) {
        if (!create && !folder.exists()) {
            throw new UnlockException("no kiosk data in " + folder.path() + " (pair this kiosk first)");
        }
        DataFolder.Unlocked unlocked = folder.unlock(secret, create);
        DataFolder.Keys keys = unlocked.next() == null ? unlocked.current()
                : rekey(folder, unlocked.current(), unlocked.next());
        String password = keys.h2Password();
        Connection connection = connect(folder, password, create);
        try {
            migrate(folder, password);
            connection.setAutoCommit(false);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw e instanceof RuntimeException r ? r : new IllegalStateException("cannot prepare the replica", e);
        }
        Replica replica = new Replica(folder, keys.cipher(), connection);
        replica.write(tx -> {
            // a bootstrap interrupted by a crash may have left the lookup indexes dropped (FeedPuller)
            ParticipantStore.ensureLookupIndexes(tx);
            if (keys.keyId() != null && dev.lanyard.kiosk.core.store.Settings.get(tx,
                    dev.lanyard.kiosk.core.store.Settings.KEY_ID).isEmpty()) {
                dev.lanyard.kiosk.core.store.Settings.put(tx, dev.lanyard.kiosk.core.store.Settings.KEY_ID,
                        keys.keyId());
            }
            return null;
        });
        return replica;
    }

    private static Connection connect(DataFolder folder, String password, boolean create) {
        try {
            return DriverManager.getConnection(folder.jdbcUrl() + (create ? "" : ";IFEXISTS=TRUE"), USER, password);
        } catch (SQLException e) {
            throw translate(folder, e);
        }
    }

    /**
     * Moves a replica from the keys it is under to {@code to} (ADR 0314): every sealed value is
     * re-sealed and the key id recorded in one transaction, H2's user password changed, the file
     * compacted (rewritten without the old chunks, which still held values under the old key),
     * and only then the next key file made the key file. A crash at any step is finished at the
     * next unlock: the key id says whether the values moved, the password that works whether H2's
     * moved.
     */
    private static DataFolder.Keys rekey(DataFolder folder, DataFolder.Keys from, DataFolder.Keys to) {
        String password = from.h2Password();
        Connection c;
        try {
            c = DriverManager.getConnection(folder.jdbcUrl() + ";IFEXISTS=TRUE", USER, password);
        } catch (SQLException e) {
            if (e.getErrorCode() != WRONG_USER_OR_PASSWORD) {
                throw translate(folder, e);
            }
            password = to.h2Password();
            c = connect(folder, password, false);
        }
        try (Connection connection = c) {
            migrate(folder, password);
            connection.setAutoCommit(false);
            String stored;
            try (var select = connection.prepareStatement("select val from setting where name = ?")) {
                select.setString(1, dev.lanyard.kiosk.core.store.Settings.KEY_ID);
                try (var rs = select.executeQuery()) {
                    stored = rs.next() ? rs.getString(1) : null;
                }
            }
            if (!to.keyId().equals(stored)) {
                ReplicaRekey.reseal(connection, from.cipher(), to.cipher());
                try (var put = connection.prepareStatement("merge into setting (name, val) key (name) values (?, ?)")) {
                    put.setString(1, dev.lanyard.kiosk.core.store.Settings.KEY_ID);
                    put.setString(2, to.keyId());
                    put.executeUpdate();
                }
                connection.commit();
            }
            try (var statement = connection.createStatement()) {
                if (!password.equals(to.h2Password())) {
                    // DDL takes no bind; the password is hex, so it cannot break out of the literal
                    statement.execute("alter user " + USER + " set password '" + to.h2Password() + "'");
                }
                statement.execute("shutdown compact");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot move the replica in " + folder.path() + " to its new key: "
                    + e.getMessage(), e);
        }
        folder.promoteNext();
        LOG.info("the replica in {} is now keyed by Argon2id (ADR 0314)", folder.path());
        return to;
    }

    private static RuntimeException translate(DataFolder folder, SQLException e) {
        int code = e.getErrorCode();
        if (code == FILE_ENCRYPTION_ERROR || code == WRONG_USER_OR_PASSWORD) {
            return new UnlockException("wrong unlock secret for the kiosk data in " + folder.path(), e);
        }
        if (code == DATABASE_ALREADY_OPEN) {
            return new IllegalStateException("the kiosk data in " + folder.path() + " is in use by another process", e);
        }
        return new IllegalStateException("cannot open the replica in " + folder.path() + ": " + e.getMessage(), e);
    }

    private static void migrate(DataFolder folder, String password) {
        Flyway.configure()
                .dataSource(folder.jdbcUrl(), USER, password)
                .locations("classpath:db/kiosk-migration")
                .load()
                .migrate();
    }

    public DataFolder folder() {
        return folder;
    }

    /**
     * Transactions run so far (a nested {@link #write} is part of its caller's): each is a wait for a desk's scan that
     * asks while it runs, so the sync's bookkeeping is counted in them (ADR 0349).
     */
    public long transactions() {
        return transactions.sum();
    }

    /**
     * Runs {@code work} in a transaction and commits it; on any exception rolls back and rethrows. Returns once the
     * commit, and every earlier commit it may have read, is on the device (a power cut keeps it, ADR 0011).
     */
    public <T> T write(Function<Tx, T> work) {
        TxImpl outer = current.get();
        if (outer != null) {
            return work.apply(outer);
        }
        boolean desk = Thread.currentThread() instanceof DeskThread;
        turns.take(desk);
        transactions.increment();
        TxImpl tx = new TxImpl(dsl, cipher, turns);
        current.set(tx);
        T result;
        DurableH2Files.Deferred written = DurableH2Files.deferForces();
        try {
            ensureOpen();
            result = work.apply(tx);
            connection.commit();
        } catch (SQLException e) {
            rollback();
            throw new ReplicaFailure("replica commit failed: " + e.getMessage(), e);
        } catch (org.jooq.exception.DataAccessException e) {
            rollback();
            // a constraint or a query's shape is the caller's (a bug's) failure; a file or a database that failed is
            // the replica's
            throw ReplicaFailure.isStorage(e) ? new ReplicaFailure("replica statement failed: " + e.getMessage(), e)
                    : e;
        } catch (RuntimeException | Error e) {
            rollback();
            throw e;
        } finally {
            written.close();
            // what this transaction read may be a commit not yet forced: forced before anything is passed on; the desk
            // passes nothing on (the outbox sender and the peers read what it wrote in transactions of their own)
            if (desk) {
                committed.record(written);
            } else {
                committed.joinedBy(written);
            }
            current.remove();
            turns.give();
        }
        // the next writer goes on meanwhile: a desk's scan does not wait for the sync's wait for the disk (ADR 0011)
        try {
            written.force();
        } catch (java.io.UncheckedIOException e) {
            throw new ReplicaFailure("replica commit not forced to disk: " + e.getCause().getMessage(), e);
        }
        for (Runnable action : tx.afterCommit) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("after-commit action failed", e);
            }
        }
        return result;
    }

    /**
     * Daemon threads named {@code name} whose transactions are a desk's: they go before the sync's transactions that
     * wait with them (ADR 0348).
     */
    public static ThreadFactory deskThreads(String name) {
        return work -> {
            Thread thread = new DeskThread(work, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static final class DeskThread extends Thread {
        DeskThread(Runnable work, String name) {
            super(work, name);
        }
    }

    /** Reads in a transaction of its own (H2 gives it a consistent snapshot). */
    public <T> T read(Function<DSLContext, T> work) {
        return write(tx -> work.apply(tx.dsl()));
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("rollback failed", e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new ReplicaFailure("the replica is closed");
        }
    }

    @Override
    public void close() {
        turns.take(false);
        try {
            if (!closed) {
                closed = true;
                closeQuietly(connection);
            }
        } finally {
            turns.give();
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing the replica failed", e);
        }
    }

    /** The cipher of this replica's sealed columns (also reachable in a transaction as {@link Tx#cipher}). */
    public FieldCipher cipher() {
        return cipher;
    }

    private static final class TxImpl implements Tx {
        private final DSLContext dsl;
        private final FieldCipher cipher;
        private final WriterTurns turns;
        private final List<Runnable> afterCommit = new ArrayList<>();

        TxImpl(DSLContext dsl, FieldCipher cipher, WriterTurns turns) {
            this.dsl = dsl;
            this.cipher = cipher;
            this.turns = turns;
        }

        @Override
        public DSLContext dsl() {
            return dsl;
        }

        @Override
        public FieldCipher cipher() {
            return cipher;
        }

        @Override
        public void afterCommit(Runnable action) {
            afterCommit.add(action);
        }

        @Override
        public boolean othersWaiting() {
            return turns.othersWaiting();
        }
    }
}
