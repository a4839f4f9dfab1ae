package dev.lanyard.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.tls.TlsTest;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's bounds on open connections (ADR 0243), on a real server over real sockets. */
class ServerConnectionLimitsTest {
    private final List<Socket> held = new ArrayList<>();
    @TempDir
    Path dir;

    @AfterEach
    void close() throws IOException {
        for (Socket s : held) {
            s.close();
        }
    }

    @Test
    void pastTheConnectionLimitANewConnectionWaitsUntilOneCloses() throws Exception {
        try (LanyardServer server = new LanyardServer(Backend.H2.config(dir).maxConnections(6).build()).start()) {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            for (int i = 0; i < 6; i++) {
                held.add(served(loopback, server.port()));
            }
            try (Socket waiting = connect(loopback, server.port())) {
                ask(waiting);
                waiting.setSoTimeout(1_000);
                assertThat(status(waiting)).as("answered while six connections are open").isEqualTo("no answer");

                held.remove(0).close();
                waiting.setSoTimeout(10_000);
                assertThat(status(waiting)).startsWith("HTTP/1.1 200");
            }
        }
    }

    @Test
    void oneAddressPastItsCapIsRefusedWhileThisHostIsNot() throws Exception {
        InetAddress lan = lanAddress();
        assumeTrue(lan != null, "this machine has no non-loopback IPv4 address to connect from");
        try (LanyardServer server = new LanyardServer(Backend.H2.config(dir).host("0.0.0.0")
                .maxConnectionsPerAddress(4).build()).start()) {
            for (int i = 0; i < 4; i++) {
                held.add(served(lan, server.port()));
            }
            try (Socket extra = connect(lan, server.port())) {
                ask(extra);
                assertThat(status(extra)).as("a fifth connection from %s", lan).isEqualTo("closed");
            }
            try (Socket local = connect(InetAddress.getLoopbackAddress(), server.port())) {
                ask(local);
                assertThat(status(local)).startsWith("HTTP/1.1 200");
            }
        }
    }

    @Test
    void overTlsOneAddressPastItsCapIsRefusedBeforeItsHandshake() throws Exception {
        InetAddress lan = lanAddress();
        assumeTrue(lan != null, "this machine has no non-loopback IPv4 address to connect from");
        try (LanyardServer server = new LanyardServer(Backend.H2.config(dir).host("0.0.0.0").tlsSelfSigned(true)
                .maxConnectionsPerAddress(4).build()).start()) {
            SSLSocketFactory tls = TlsTest.pinning(server.certificateFingerprint()).getSocketFactory();
            for (int i = 0; i < 4; i++) {
                Socket s = overTls(tls, connect(lan, server.port()));
                held.add(s);
                ask(s);
                assertThat(status(s)).startsWith("HTTP/1.1 200");
            }
            try (Socket extra = connect(lan, server.port())) {
                assertThat(handshake(tls, extra)).as("a fifth connection from %s", lan).isEqualTo("closed");
            }
            try (Socket local = overTls(tls, connect(InetAddress.getLoopbackAddress(), server.port()))) {
                ask(local);
                assertThat(status(local)).startsWith("HTTP/1.1 200");
            }
        }
    }

    private static SSLSocket overTls(SSLSocketFactory tls, Socket plain) throws IOException {
        SSLSocket s = (SSLSocket) tls.createSocket(plain, "venue", plain.getPort(), true);
        s.startHandshake();
        return s;
    }

    /** "done" when a TLS handshake over {@code plain} completed, "closed" when the server ended the connection. */
    private static String handshake(SSLSocketFactory tls, Socket plain) throws IOException {
        try (Socket s = overTls(tls, plain)) {
            return "done";
        } catch (SSLException | SocketException closed) {
            return "closed";
        }
    }

    /** A connection that asked once and stays open (keep-alive). */
    private static Socket served(InetAddress address, int port) throws IOException {
        Socket s = connect(address, port);
        ask(s);
        assertThat(status(s)).startsWith("HTTP/1.1 200");
        return s;
    }

    private static Socket connect(InetAddress address, int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(address, port), 5_000);
        s.setSoTimeout(10_000);
        return s;
    }

    private static void ask(Socket s) throws IOException {
        s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
    }

    /** The status line, "closed" when the server closed the connection, "no answer" within the socket's timeout. */
    private static String status(Socket s) throws IOException {
        try {
            // only the head: a closed connection ends it with nothing (a FIN) or a reset, by the kernel's choice
            String head = RawAnswer.headOf(s.getInputStream());
            return head.isEmpty() ? "closed" : head.substring(0, head.indexOf("\r\n"));
        } catch (SocketTimeoutException silent) {
            return "no answer";
        } catch (SocketException reset) {
            return "closed";
        }
    }

    private static InetAddress lanAddress() throws SocketException {
        for (NetworkInterface nic : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : java.util.Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                    return address;
                }
            }
        }
        return null;
    }
}
