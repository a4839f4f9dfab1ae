package dev.lanyard.print.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** Raw TCP, port 9100 by default, with connect and read timeouts. */
public final class TcpTransport implements Transport {
    public static final int RAW_PORT = 9100;

    private final String host;
    private final int port;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private TcpTransport(String host, int port, Socket socket) throws IOException {
        this.host = host;
        this.port = port;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public static TcpTransport connect(String host, int port, Duration connectTimeout) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("TCP port must be 1..65535, was " + port);
        }
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, connectTimeout.toMillis()));
            return new TcpTransport(host, port, socket);
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
        try {
            out.write(data);
            out.flush();
        } catch (IOException e) {
            throw new TransportException(description() + ": write failed: " + e.getMessage(), e);
        }
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
