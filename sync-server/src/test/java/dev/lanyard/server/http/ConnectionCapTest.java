package dev.lanyard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connections held open from one address, on a real Jetty: past the cap a new one is closed at once, while other
 * addresses and the exempt are served.
 */
class ConnectionCapTest {
    private static final int CAP = 8;
    private Server server;
    private final List<Socket> held = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Socket s : held) {
            s.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void anAddressPastItsCapIsRefusedAtOnce() throws Exception {
        start(address -> false);
        holdIdle(CAP);

        try (Socket extra = connect()) {
            assertThat(answerTo(extra)).as("a connection past the cap").isNull();
        }
    }

    @Test
    void anAddressUnderItsCapIsServed() throws Exception {
        start(address -> false);
        holdIdle(CAP - 1);

        try (Socket last = connect()) {
            assertThat(answerTo(last)).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aClosedConnectionGivesItsPlaceBack() throws Exception {
        start(address -> false);
        holdIdle(CAP);
        held.remove(0).close();

        assertThat(eventually(() -> {
            try (Socket again = connect()) {
                return answerTo(again);
            }
        })).startsWith("HTTP/1.1 200");
    }

    @Test
    void anExemptAddressIsNotCapped() throws Exception {
        start(InetAddress::isLoopbackAddress);
        holdIdle(CAP * 2);

        try (Socket extra = connect()) {
            assertThat(answerTo(extra)).startsWith("HTTP/1.1 200");
        }
    }

    /** Two addresses taking turns past their caps, a hundred times each: the log names them, it does not flood. */
    @Test
    void refusalsAreLoggedNotEveryOne() throws Exception {
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                ConnectionCap.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        org.junit.jupiter.api.Assumptions.assumeTrue(canBind("127.0.0.2"), "127.0.0.2 is not this machine's");
        lines.start();
        log.addAppender(lines);
        try {
            start(address -> false);
            for (String from : List.of("127.0.0.1", "127.0.0.2")) {
                for (int i = 0; i < CAP; i++) {
                    Socket s = connectFrom(from);
                    held.add(s);
                    assertThat(answerTo(s)).startsWith("HTTP/1.1 200");
                }
            }
            for (int i = 0; i < 100; i++) {
                for (String from : List.of("127.0.0.1", "127.0.0.2")) {
                    try (Socket refused = connectFrom(from)) {
                        assertThat(answerTo(refused)).isNull();
                    }
                }
            }

            assertThat(lines.list).hasSizeBetween(1, 4);
        } finally {
            log.detachAppender(lines);
        }
    }

    @Test
    void loopbackAndTheTrustedProxiesAreExemptAndNoOneElse() throws Exception {
        Predicate<InetAddress> exempt = ConnectionCap.exemptHostAndProxies(java.util.Set.of("10.0.0.2"));

        assertThat(exempt.test(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(exempt.test(InetAddress.getByName("::1"))).isTrue();
        assertThat(exempt.test(InetAddress.getByName("10.0.0.2"))).isTrue();
        assertThat(exempt.test(InetAddress.getByName("10.0.0.3"))).isFalse();
    }

    private void start(Predicate<InetAddress> exempt) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.addBean(new ConnectionCap(server, CAP, exempt));
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.write(true, java.nio.ByteBuffer.wrap("ok".getBytes(StandardCharsets.US_ASCII)), callback);
                return true;
            }
        });
        server.start();
    }

    /** Connections that have been served once and stay open (keep-alive), as a door's do. */
    private void holdIdle(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            Socket s = connect();
            held.add(s);
            assertThat(answerTo(s)).as("held connection %d", i).startsWith("HTTP/1.1 200");
        }
    }

    private static boolean canBind(String local) {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(local, 0));
            return true;
        } catch (IOException notHere) {
            return false;
        }
    }

    private Socket connectFrom(String local) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(local, 0));
        s.connect(new InetSocketAddress("127.0.0.1", ((ServerConnector) server.getConnectors()[0]).getLocalPort()),
                5_000);
        s.setSoTimeout(5_000);
        return s;
    }

    private Socket connect() throws IOException {
        return connectFrom("127.0.0.1");
    }

    /** The status line and headers of one keep-alive GET, or null when the server closed the connection. */
    private static String answerTo(Socket s) throws IOException {
        try {
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            int b;
            while ((b = in.read()) != -1) {
                head.append((char) b);
                if (head.toString().endsWith("\r\n\r\nok")) {
                    return head.toString();
                }
            }
            return null;
        } catch (java.net.SocketException closed) {
            return null;
        } catch (SocketTimeoutException silent) {
            throw new AssertionError("no answer and no close within 5 s", silent);
        }
    }

    private interface Attempt {
        String run() throws IOException;
    }

    /** The place comes back when Jetty has seen the close, a moment after it. */
    private static String eventually(Attempt attempt) throws Exception {
        String last = null;
        for (int i = 0; i < 50 && last == null; i++) {
            last = attempt.run();
            if (last == null) {
                Thread.sleep(100);
            }
        }
        return last;
    }
}
