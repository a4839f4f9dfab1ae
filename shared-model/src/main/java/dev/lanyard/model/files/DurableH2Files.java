package dev.lanyard.model.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * H2's files under the scheme {@code durable:}: each write to a database file is on the storage device before it
 * returns, or, inside a {@link #deferForces} scope, before the scope's force returns (ADR 0011). With
 * {@code WRITE_DELAY=0} H2 writes a transaction's chunk inside its commit, so a commit that returned survives a power
 * cut as well as a killed process; H2 itself never forces its file on a commit. The kiosk's replica and the server's
 * embedded database are opened through {@link #url}.
 */
public final class DurableH2Files extends FilePathWrapper {
    public static final String SCHEME = "durable";

    static {
        FilePath.register(new DurableH2Files());
    }

    /** For H2, which makes an instance per path by reflection; callers use {@link #url}. */
    public DurableH2Files() {
    }

    /**
     * {@code jdbcUrl} with its database file opened durable. URLs of other databases (PostgreSQL, H2 in memory or
     * over TCP, whose files another process writes) come back unchanged. Registers the scheme first: H2 would
     * otherwise take {@code durable:} for part of a relative file name.
     */
    public static String url(String jdbcUrl) {
        String h2 = "jdbc:h2:";
        if (!jdbcUrl.startsWith(h2)) {
            return jdbcUrl;
        }
        String name = jdbcUrl.substring(h2.length());
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mem:") || lower.startsWith("tcp:") || lower.startsWith("ssl:")
                || name.startsWith(SCHEME + ":")) {
            return jdbcUrl;
        }
        if (lower.startsWith("file:")) {
            name = name.substring("file:".length());
        }
        return h2 + SCHEME + ":" + name;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    /**
     * Files whose force failed in this process, by path: Linux marks pages whose write-back failed clean, so a later
     * force would succeed over writes that never reached the device. Every later write and force of the file fails,
     * and H2 stops; a channel H2 opens on it again (the server's pool opening new connections after the database
     * stopped) fails too. A restart forgets them (the operator has seen the failure by then), and so does a new file
     * made where the failed one was deleted.
     */
    private static final Map<String, IOException> FAILED_FILES = new ConcurrentHashMap<>();
    private static final List<Consumer<String>> FAILURE_LISTENERS = new CopyOnWriteArrayList<>();

    /**
     * Tells {@code listener} the path of each durable file whose force fails, once per file and on the failing
     * thread: a process that can write nothing more there should say so and stop rather than refuse every write
     * until someone restarts it. Closing the handle stops telling.
     */
    public static Listening whenAForceFails(Consumer<String> listener) {
        FAILURE_LISTENERS.add(listener);
        return () -> FAILURE_LISTENERS.remove(listener);
    }

    /** A listener of {@link #whenAForceFails}, until closed. */
    public interface Listening extends AutoCloseable {
        @Override
        void close();
    }

    private static void forceFailed(String file, IOException failure) {
        if (FAILED_FILES.putIfAbsent(file, failure) != null) {
            return;
        }
        for (Consumer<String> listener : FAILURE_LISTENERS) {
            try {
                listener.accept(file);
            } catch (RuntimeException e) {
                failure.addSuppressed(e); // the write's own failure is what its caller must see
            }
        }
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        String file = getBase().toString();
        if (mode.contains("w")) {
            if (!getBase().exists()) {
                // a new file where the failed one was (a revoked door's data erased and paired again): no hole in it
                FAILED_FILES.remove(file);
            }
            ForcedWrites.ensureNotFailed(FAILED_FILES.get(file));
        }
        FileChannel channel = getBase().open(mode);
        return mode.contains("w") ? new ForcedWrites(channel, file) : channel;
    }

    /**
     * Until the scope closes, writes this thread makes to durable files wait to be forced by {@link Deferred#force}:
     * a transaction that H2 writes in several chunks (a feed page) is forced once, and the writer can let the next
     * writer in before it waits for the device (ADR 0011). Outside a scope every write is forced as it is made.
     */
    public static Deferred deferForces() {
        Deferred scope = new Deferred();
        DEFERRED.set(scope);
        return scope;
    }

    private static final ThreadLocal<Deferred> DEFERRED = new ThreadLocal<>();

    /** The writes one thread made in a scope; forced by {@link #force}, after {@link #close}. */
    public static final class Deferred implements AutoCloseable {
        private final Map<ForcedWrites, Long> written = new IdentityHashMap<>(2);

        private Deferred() {
        }

        /** Stops deferring this thread's writes; what was written stays to be forced. */
        @Override
        public void close() {
            if (DEFERRED.get() == this) {
                DEFERRED.remove();
            }
        }

        /** Returns once every write made in the scope is on the device (another thread's force may have done it). */
        public void force() {
            for (Map.Entry<ForcedWrites, Long> write : written.entrySet()) {
                try {
                    write.getKey().forceUpTo(write.getValue());
                } catch (IOException e) {
                    throw new UncheckedIOException("could not force a database file to the device", e);
                }
            }
            written.clear();
        }
    }

    /**
     * The writes committed to one database's files so far, for deferred scopes: a transaction that began after a
     * commit may read it and pass it on (a door's outbox sends it, a peer gets it), so it forces the commit too before
     * it returns, even if it wrote nothing itself (ADR 0011). Writes already forced are dropped, so it stays small.
     */
    public static final class Committed {
        private final Map<ForcedWrites, Long> marks = new IdentityHashMap<>(2);

        /**
         * Counts {@code scope}'s writes as committed and adds every committed write not yet forced to what the scope
         * forces. Called once per transaction, after its commit or roll-back, before the next transaction begins.
         */
        public synchronized void joinedBy(Deferred scope) {
            record(scope);
            scope.written.putAll(marks);
        }

        /**
         * Counts {@code scope}'s writes as committed, and no more: for a transaction whose reads leave the process
         * through no one (a desk's; its own writes the scope forces anyway), which need not wait for others' forces.
         */
        public synchronized void record(Deferred scope) {
            for (Map.Entry<ForcedWrites, Long> write : scope.written.entrySet()) {
                marks.merge(write.getKey(), write.getValue(), Math::max);
            }
            marks.entrySet().removeIf(mark -> mark.getKey().forcedUpTo(mark.getValue()) || !mark.getKey().isOpen());
        }
    }

    /**
     * Counts its writes and forces up to a count: a force that started after a write covers it, so of writers
     * waiting for the device together one force may serve all. fdatasync ({@code force(false)}) is enough: it also
     * writes the file's size when a write grew it.
     */
    private static final class ForcedWrites extends Delegating {
        private final AtomicLong writes = new AtomicLong();
        private final Object forcing = new Object();
        private volatile long forced;
        /** Whose failed force this channel's writes and forces check ({@link #FAILED_FILES}). */
        private final String file;

        ForcedWrites(FileChannel channel, String file) {
            super(channel);
            this.file = file;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            ensureNotFailed();
            int n = channel.write(src);
            written();
            return n;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            ensureNotFailed();
            int n = channel.write(src, position);
            written();
            return n;
        }

        private void ensureNotFailed() throws IOException {
            ensureNotFailed(FAILED_FILES.get(file));
        }

        static void ensureNotFailed(IOException failure) throws IOException {
            if (failure != null) {
                throw new IOException("an earlier force of this database file failed: writes since may be lost",
                        failure);
            }
        }

        private IOException failed(IOException e) {
            forceFailed(file, e);
            return e;
        }

        /** H2's own forces (a checkpoint, a close) too. */
        @Override
        public void force(boolean metaData) throws IOException {
            ensureNotFailed();
            try {
                channel.force(metaData);
            } catch (ClosedChannelException e) {
                throw e;
            } catch (IOException e) {
                throw failed(e);
            }
        }

        boolean forcedUpTo(long count) {
            return forced >= count;
        }

        private void written() throws IOException {
            long count = writes.incrementAndGet();
            Deferred scope = DEFERRED.get();
            if (scope == null) {
                forceUpTo(count);
            } else {
                scope.written.put(this, count);
            }
        }

        void forceUpTo(long count) throws IOException {
            if (forced >= count) {
                return;
            }
            synchronized (forcing) {
                if (forced >= count) {
                    return;
                }
                ensureNotFailed();
                long covered = writes.get();
                try {
                    channel.force(false);
                } catch (ClosedChannelException e) {
                    if (isOpen()) {
                        throw e;
                    }
                    // H2 closed the file meanwhile, and implCloseChannel forced it before closing
                    return;
                } catch (IOException e) {
                    throw failed(e);
                }
                forced = covered;
            }
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            ensureNotFailed();
            channel.truncate(size);
            try {
                channel.force(true);
            } catch (IOException e) {
                throw failed(e);
            }
            return this;
        }

        @Override
        protected void implCloseChannel() throws IOException {
            try {
                forceUpTo(writes.get());
            } finally {
                channel.close();
            }
        }
    }

    /** A file channel that passes every call to another; the file systems override what they add. */
    abstract static class Delegating extends FileBase {
        protected final FileChannel channel;

        Delegating(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return channel.write(src);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return channel.write(src, position);
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            channel.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            channel.force(metaData);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            channel.close();
        }

        @Override
        public long position() throws IOException {
            return channel.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            channel.position(newPosition);
            return this;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return channel.read(dst);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return channel.read(dst, position);
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return channel.tryLock(position, size, shared);
        }
    }
}
