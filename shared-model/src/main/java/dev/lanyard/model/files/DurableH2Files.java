package dev.lanyard.model.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.Locale;
import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * H2's files under the scheme {@code durable:}: each write to a database file is on the storage device before it
 * returns (ADR 0011). With {@code WRITE_DELAY=0} H2 writes a transaction's chunk inside its commit, so a commit that
 * returned survives a power cut as well as a killed process; H2 itself forces its file only when it closes it.
 * The kiosk's replica and the server's embedded database are opened through {@link #url}.
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

    @Override
    public FileChannel open(String mode) throws IOException {
        FileChannel channel = getBase().open(mode);
        return mode.contains("w") ? new ForcedWrites(channel) : channel;
    }

    /**
     * Forces after every write rather than at H2's commit, which a file does not see: a commit writes one chunk
     * (H2 asks for one write of it, two when the encryption pads a partial block), so it costs one or two forces.
     * fdatasync ({@code force(false)}) is enough: it also writes the file's size when a write grew it.
     */
    private static final class ForcedWrites extends FileBase {
        private final FileChannel channel;

        ForcedWrites(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int written = channel.write(src);
            channel.force(false);
            return written;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            int written = channel.write(src, position);
            channel.force(false);
            return written;
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            channel.truncate(size);
            channel.force(true);
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
