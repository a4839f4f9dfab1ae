package dev.lanyard.print.transport;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The USB printer class device (/dev/usb/lp0) or any writable file. A Brother QL answers status
 * requests through the same device: a read returns nothing until the reply is there, so reads
 * poll every 50 ms until the timeout.
 */
public final class DeviceFileTransport implements Transport {
    static final long POLL_MILLIS = 50;

    private final Path path;
    private final RandomAccessFile file;
    private final boolean readable;

    private DeviceFileTransport(Path path, RandomAccessFile file, boolean readable) {
        this.path = path;
        this.file = file;
        this.readable = readable;
    }

    /** Opens a device for writing and, when it is a character device, reading back. */
    public static DeviceFileTransport open(Path path) {
        boolean device = path.startsWith("/dev");
        if (device && !Files.exists(path)) {
            throw new PortUnavailableException("printer device " + path + " does not exist (is the printer plugged in and on?)");
        }
        if (Files.isDirectory(path)) {
            throw new PortUnavailableException(path + " is a directory, not a printer device");
        }
        try {
            return new DeviceFileTransport(path, new RandomAccessFile(path.toFile(), "rw"), device);
        } catch (FileNotFoundException e) {
            throw new PortUnavailableException("cannot open printer device " + path + ": " + e.getMessage()
                    + " (missing permission? the lp group owns /dev/usb/lp*)", e);
        }
    }

    @Override
    public String description() {
        return "device " + path;
    }

    @Override
    public void write(byte[] data) {
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
            throw new TransportException(description() + " cannot read replies (not a device)");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                int n = file.read(buffer, offset, length);
                if (n > 0) {
                    return n;
                }
                if (System.nanoTime() >= deadline) {
                    throw new TransportTimeoutException(description() + ": no reply within " + timeout.toMillis() + " ms");
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException e) {
            throw new TransportException(description() + ": read failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(description() + ": interrupted while waiting for a reply");
        }
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException e) {
            throw new TransportException(description() + ": close failed: " + e.getMessage(), e);
        }
    }
}
