package dev.lanyard.print.transport;

import java.time.Duration;

/**
 * A byte pipe to a printer. Transports only move bytes; they know nothing of printer languages.
 * Failures surface as {@link TransportException}s, never as silent loss.
 */
public interface Transport extends AutoCloseable {
    /** Human-readable target, e.g. "serial /dev/rfcomm0 @ 115200". */
    String description();

    /** Writes all bytes (blocking until the OS has taken them). */
    void write(byte[] data);

    /** Whether the printer's replies can be read back on this transport. */
    boolean canRead();

    /**
     * Reads at least one byte into {@code buffer}, waiting up to {@code timeout}. Returns the
     * count read; throws {@link TransportTimeoutException} when nothing arrived in time.
     */
    int read(byte[] buffer, int offset, int length, Duration timeout);

    /** Reads exactly {@code length} bytes within {@code timeout} overall. */
    default byte[] readFully(int length, Duration timeout) {
        byte[] buffer = new byte[length];
        long deadline = System.nanoTime() + timeout.toNanos();
        int got = 0;
        while (got < length) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TransportTimeoutException(description() + ": expected " + length + " bytes, got " + got
                        + " within " + timeout.toMillis() + " ms");
            }
            try {
                got += read(buffer, got, length - got, Duration.ofNanos(left));
            } catch (TransportTimeoutException e) {
                throw new TransportTimeoutException(description() + ": expected " + length + " bytes, got " + got
                        + " within " + timeout.toMillis() + " ms");
            }
        }
        return buffer;
    }

    @Override
    void close();
}
