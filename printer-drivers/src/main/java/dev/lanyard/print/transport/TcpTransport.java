package dev.lanyard.print.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Raw TCP, port 9100 by default, with connect, read and write timeouts. A socket's writes have no timeout of their
 * own: a printer that stops reading would hold the writing thread (the desk's one print thread) for ever, so a write
 * that outlasts its timeout has the socket closed under it and fails as a timeout.
 */
public final class TcpTransport implements Transport {
    public static final int RAW_PORT = 9100;
    /** Closes the sockets of writes past their timeout; each is one socket's close. */
    private static final ScheduledExecutorService STALLED_WRITES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lanyard-print-stalled-writes");
        t.setDaemon(true);
        return t;
    });

    private final String host;
    private final int port;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Duration writeTimeout;
    private static final int WRITING = 0;
    private static final int WRITTEN = 1;
    private static final int CUT = 2;

    private TcpTransport(String host, int port, Socket socket, Duration writeTimeout) throws IOException {
        this.host = host;
        this.port = port;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.writeTimeout = writeTimeout;
    }

    public static TcpTransport connect(String host, int port, Duration connectTimeout) {
        return connect(host, port, connectTimeout, TransportOptions.DEFAULT_WRITE_TIMEOUT);
    }

    public static TcpTransport connect(String host, int port, Duration connectTimeout, Duration writeTimeout) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("TCP port must be 1..65535, was " + port);
        }
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, connectTimeout.toMillis()));
            return new TcpTransport(host, port, socket, writeTimeout);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new PortUnavailableException("cannot connect to printer at " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return "tcp " + host + ":" + port;
    }

    @Override
    public void write(byte[] data) {
        // WRITING until the write ends or the timeout cuts it: whichever comes first decides
        AtomicInteger state = new AtomicInteger(WRITING);
        ScheduledFuture<?> cut = STALLED_WRITES.schedule(() -> {
            if (state.compareAndSet(WRITING, CUT)) {
                closeQuietly(socket);
            }
        }, writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            out.write(data);
            out.flush();
        } catch (IOException e) {
            if (state.get() == CUT) {
                throw stalled();
            }
            throw new TransportException(description() + ": write failed: " + e.getMessage(), e);
        } finally {
            cut.cancel(false);
        }
        if (!state.compareAndSet(WRITING, WRITTEN)) {
            throw stalled();
        }
    }

    private TransportTimeoutException stalled() {
        return new TransportTimeoutException(description() + ": the printer took nothing for "
                + writeTimeout.toSeconds() + " s; connection closed");
    }

    @Override
    public boolean canRead() {
        return true;
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) {
        try {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            int n = in.read(buffer, offset, length);
            if (n < 0) {
                throw new TransportException(description() + ": printer closed the connection");
            }
            return n;
        } catch (SocketTimeoutException e) {
            throw new TransportTimeoutException(description() + ": no reply within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new TransportException(description() + ": read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket that failed to connect has nothing left to report
        }
    }
}
