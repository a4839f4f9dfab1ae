package dev.lanyard.print.sim;

import dev.lanyard.print.media.Media;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

/** The simulator behind a loopback TCP port, one connection at a time like a raw 9100 printer. */
final class TcpSimulator implements SimulatorHandle {
    /** How long a connection may send nothing before it is dropped (a QL's own network time-out is of minutes). */
    static final Duration IDLE_LIMIT = Duration.ofSeconds(60);
    private final SimulatorState state;
    private final ServerSocket server;
    private final Thread acceptor;
    private final Duration idleLimit;

    TcpSimulator(SimulatorState state, int port, Duration idleLimit) {
        this.state = state;
        this.idleLimit = idleLimit;
        try {
            server = new ServerSocket(port, 8, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("simulator cannot listen on 127.0.0.1:" + port, e);
        }
        acceptor = new Thread(this::serve, "printer-sim-" + state.model + "-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout((int) idleLimit.toMillis());
                Session.forState(state).run(socket.getInputStream(), socket.getOutputStream());
            } catch (java.net.SocketTimeoutException idle) {
                // dropped for silence, as a network printer drops an idle client: the next one is served
            } catch (IOException e) {
                if (!server.isClosed()) {
                    state.violation("connection failed: " + e.getMessage());
                }
            } catch (RuntimeException e) {
                // one connection's failure (a page it could not write) ends that connection, not the printer
                state.violation("the simulator failed on a connection: " + e.getMessage());
            }
        }
    }

    @Override public int port() { return server.getLocalPort(); }
    @Override public String target() { return "127.0.0.1:" + port(); }
    @Override public List<DecodedPage> pages() { return state.pages(); }

    @Override public int printed() { return state.printed(); }
    @Override public List<String> violations() { return state.violations(); }
    @Override public void inject(Fault fault) { state.inject(fault); }
    @Override public void clearFaults() { state.clear(); }
    @Override public void load(Media media) { state.load(media); }
    @Override public void coolAfter(int labels, java.time.Duration pause) { state.coolAfter(labels, pause); }

    @Override
    public void close() {
        try {
            server.close();
            acceptor.join(2000);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop simulator", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
