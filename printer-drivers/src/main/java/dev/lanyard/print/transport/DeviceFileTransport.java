package dev.lanyard.print.transport;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The USB printer class device (/dev/usb/lp0) or any writable file. A Brother QL answers status
 * requests through the same device. Whether a read on the device returns 0 until the reply is
 * there ([MK]) or blocks, a reader thread collects replies (polling every 50 ms on 0) so reads
 * can time out; the channel is interruptible, so closing it stops that thread.
 */
public final class DeviceFileTransport implements Transport {
    static final long POLL_MILLIS = 50;
    /**
     * Replies (reads of at most 512 bytes) held until the job reads them: a Brother's status is 32 bytes, and a device
     * that keeps sending (a wrong device, a printer in a loop) waits in the kernel's buffer beyond these instead of
     * in the kiosk's heap.
     */
    static final int MAX_HELD_REPLIES = 64;

    private final Path path;
    private final RandomAccessFile file;
    private final FileChannel channel;
    private final boolean readable;
    private final ArrayBlockingQueue<byte[]> incoming = new ArrayBlockingQueue<>(MAX_HELD_REPLIES);
    private byte[] leftover = new byte[0];
    private Thread reader;
    private volatile boolean closed;
    private volatile IOException readError;

    /** A usblp write to a printer that stopped taking data blocks and cannot be interrupted. */
    private final DeadlineWriter writer;
    private final Duration writeTimeout;

    private DeviceFileTransport(Path path, RandomAccessFile file, boolean readable, Duration writeTimeout) {
        this.path = path;
        this.writeTimeout = writeTimeout;
        this.writer = new DeadlineWriter("device " + path, this::close);
        this.file = file;
        // reads go through the channel (closing it wakes a blocked read); writes go straight to the
        // file, so they do not queue behind the channel's lock while a read waits. One descriptor:
        // usblp allows a single open.
        this.channel = file.getChannel();
        this.readable = readable;
    }

    /** Opens a device for writing and, for paths under /dev, reading back. */
    public static DeviceFileTransport open(Path path) {
        return open(path, TransportOptions.DEFAULT_WRITE_TIMEOUT);
    }

    /** As {@link #open(Path)}; {@code writeTimeout}: how long one write may wait for the printer (ADR 0107). */
    public static DeviceFileTransport open(Path path, Duration writeTimeout) {
        return open(path, path.startsWith("/dev"), writeTimeout);
    }

    /** Opens a device; {@code readBack} says whether the printer's replies come back through it. */
    public static DeviceFileTransport open(Path path, boolean readBack) {
        return open(path, readBack, TransportOptions.DEFAULT_WRITE_TIMEOUT);
    }

    public static DeviceFileTransport open(Path path, boolean readBack, Duration writeTimeout) {
        if (path.startsWith("/dev") && !Files.exists(path)) {
            throw new PortUnavailableException("printer device " + path
                    + " does not exist (is the printer plugged in and on?)");
        }
        if (Files.isDirectory(path)) {
            throw new PortUnavailableException(path + " is a directory, not a printer device");
        }
        try {
            if (!readBack) {
                Files.write(path, new byte[0], StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw");
            if (!readBack) {
                file.seek(file.length());
            }
            return new DeviceFileTransport(path, file, readBack, writeTimeout);
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new PortUnavailableException("cannot open printer device " + path + ": " + e.getMessage()
                    + " (does it exist? the lp group owns /dev/usb/lp*)", e);
        } catch (AccessDeniedException e) {
            throw new PortUnavailableException("no permission to open " + path + " (the lp group owns /dev/usb/lp*)",
                    e);
        } catch (IOException e) {
            throw new PortUnavailableException("cannot open printer device " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return "device " + path;
    }

    @Override
    public void write(byte[] data) {
        writer.write(data, writeTimeout.toMillis(), this::writeAll);
    }

    private void writeAll(byte[] data) {
        try {
            file.write(data);
        } catch (IOException e) {
            throw new TransportException(description() + ": write failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean canRead() {
        return readable;
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) {
        if (!readable) {
            throw new TransportException(description() + " cannot read replies (opened write-only)");
        }
        startReader();
        try {
            if (leftover.length == 0) {
                byte[] chunk = incoming.poll(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
                if (chunk == null) {
                    if (readError != null) {
                        throw new TransportException(description() + ": read failed: " + readError.getMessage(),
                                readError);
                    }
                    throw new TransportTimeoutException(description() + ": no reply within " + timeout.toMillis()
                            + " ms");
                }
                leftover = chunk;
            }
            int n = Math.min(length, leftover.length);
            System.arraycopy(leftover, 0, buffer, offset, n);
            leftover = Arrays.copyOfRange(leftover, n, leftover.length);
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(description() + ": interrupted while waiting for a reply");
        }
    }

    private synchronized void startReader() {
        if (reader != null) {
            return;
        }
        reader = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(512);
            try {
                while (!closed) {
                    buffer.clear();
                    int n = channel.read(buffer);
                    if (n > 0) {
                        byte[] reply = Arrays.copyOf(buffer.array(), n);
                        while (!closed && !incoming.offer(reply, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                            // full: the device waits until the job reads, or the transport closes
                        }
                    } else {
                        Thread.sleep(POLL_MILLIS);
                    }
                }
            } catch (ClosedChannelException stopped) {
                // close() ended the wait
            } catch (IOException e) {
                readError = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "device-reader " + path);
        reader.setDaemon(true);
        reader.start();
    }

    /** Replies read from the device and not yet taken by a job. */
    int heldReplies() {
        return incoming.size();
    }

    @Override
    public void close() {
        closed = true;
        writer.stop();
        try {
            channel.close();
        } catch (IOException e) {
            throw new TransportException(description() + ": close failed: " + e.getMessage(), e);
        }
    }
}
