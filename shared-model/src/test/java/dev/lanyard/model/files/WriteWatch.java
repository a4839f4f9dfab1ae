package dev.lanyard.model.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * A test file system ({@code watch:}) between H2 and the disk that sees what a power cut would: it counts writes, and
 * forces that reached the disk, and remembers whether a write happened since the last force.
 */
public final class WriteWatch extends FilePathWrapper {
    static final AtomicInteger WRITES = new AtomicInteger();
    static final AtomicInteger FORCES = new AtomicInteger();
    /** Writes since the last force: what the page cache holds and a power cut would take. */
    static final AtomicInteger UNFORCED = new AtomicInteger();
    private static final AtomicBoolean FAIL_NEXT_FORCE = new AtomicBoolean();
    private static volatile Hold hold;

    static {
        FilePath.register(new WriteWatch());
    }

    public WriteWatch() {
    }

    /** Registers the file system (once) and gives its prefix. */
    public static String prefix() {
        return "watch:";
    }

    /** Writes since the last force. */
    public static int unforced() {
        return UNFORCED.get();
    }

    public static int writes() {
        return WRITES.get();
    }

    public static void reset() {
        WRITES.set(0);
        FORCES.set(0);
        UNFORCED.set(0);
        FAIL_NEXT_FORCE.set(false);
        hold = null;
    }

    /** The next force fails as a disk's write-back error would (its writes then never reach the device). */
    public static void failNextForce() {
        FAIL_NEXT_FORCE.set(true);
    }

    /** Forces wait until the hold is released: a slow device. */
    public static Hold holdForces() {
        Hold h = new Hold();
        hold = h;
        return h;
    }

    /** Forces held back until {@link #release}. */
    public static final class Hold {
        private final CountDownLatch waiting = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** Returns once a force waits on the hold; fails after ten seconds without one. */
        public void awaitWaiting() throws InterruptedException {
            if (!waiting.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new AssertionError("no force came to the hold");
            }
        }

        public void release() {
            hold = null;
            released.countDown();
        }

        private void await() throws IOException {
            waiting.countDown();
            try {
                if (!released.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new IOException("a held force was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for a held force", e);
            }
        }
    }

    @Override
    public String getScheme() {
        return "watch";
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new Watched(getBase().open(mode));
    }

    private static final class Watched extends DurableH2Files.Delegating {
        Watched(FileChannel channel) {
            super(channel);
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            UNFORCED.incrementAndGet();
            return super.truncate(size);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            WRITES.incrementAndGet();
            UNFORCED.incrementAndGet();
            return super.write(src);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            WRITES.incrementAndGet();
            UNFORCED.incrementAndGet();
            return super.write(src, position);
        }

        @Override
        public void force(boolean metaData) throws IOException {
            Hold h = hold;
            if (h != null) {
                h.await();
            }
            if (FAIL_NEXT_FORCE.getAndSet(false)) {
                throw new IOException("Input/output error (simulated write-back failure)");
            }
            super.force(metaData);
            FORCES.incrementAndGet();
            UNFORCED.set(0);
        }
    }
}
