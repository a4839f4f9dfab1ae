package dev.lanyard.print.transport;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a transport's blocking writes on a thread of its own and waits for each at most a deadline (ADR 0107): a
 * POSIX write to a serial port or a printer device file that stopped taking data blocks, and cannot be interrupted,
 * while the desk's one print thread must go on to the next printer. Past the deadline the transport is closed from
 * another thread (the blocked write may hold the device) and every later write fails at once; the writer thread stays
 * blocked until the operating system lets its write go.
 */
final class DeadlineWriter {
    /** One blocking write of the whole of {@code data}; throws {@link TransportException} when it fails. */
    interface BlockingWrite {
        void write(byte[] data);
    }

    private final String description;
    private final ExecutorService writer;
    private final Runnable close;
    private volatile boolean stalled;

    DeadlineWriter(String description, Runnable close) {
        this.description = description;
        this.close = close;
        this.writer = Executors.newSingleThreadExecutor(work -> {
            Thread thread = new Thread(work, "printer-writer " + description);
            thread.setDaemon(true);
            return thread;
        });
    }

    void write(byte[] data, long allowedMillis, BlockingWrite blocking) {
        if (stalled) {
            throw new TransportException(description + ": closed after the printer stopped taking data");
        }
        Future<?> written;
        try {
            written = writer.submit(() -> blocking.write(data));
        } catch (RejectedExecutionException e) {
            throw new TransportException(description + ": closed", e);
        }
        try {
            written.get(allowedMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stalled = true;
            Thread closing = new Thread(close, "printer-close " + description);
            closing.setDaemon(true);
            closing.start();
            throw new TransportTimeoutException(description + ": the printer stopped taking data (" + data.length
                    + " bytes not written within " + allowedMillis + " ms); closed");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TransportException t) {
                throw t;
            }
            throw new TransportException(description + ": write failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(description + ": interrupted while writing");
        }
    }

    /** No more writes; one under way is left to finish or fail with the device. */
    void stop() {
        writer.shutdownNow();
    }
}
