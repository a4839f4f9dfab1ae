package dev.lanyard.kiosk.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A test's hand-written door: a TLS connection to a door's peer node presenting another listed door's certificate, for
 * tests that make that door misbehave in ways the real peer code never would.
 */
final class ListedDoorSocket {
    private ListedDoorSocket() {
    }

    /**
     * Connects once the node has the listed door's key from the server (it refuses the certificate until then), and
     * returns the socket after the first byte of the node's verdict on that certificate: TLS 1.3 sends it with the
     * node's first record. {@code receiveBuffer} 0 keeps the system's; a small one makes the node's answers fill this
     * side's window soon when the test stops reading.
     */
    static SSLSocket open(SSLContext asListedDoor, int port, Duration readTimeout, int receiveBuffer) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            Socket tcp = new Socket();
            if (receiveBuffer > 0) {
                tcp.setReceiveBufferSize(receiveBuffer);
            }
            SSLSocket socket;
            try {
                tcp.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                socket = (SSLSocket) asListedDoor.getSocketFactory().createSocket(tcp, "127.0.0.1", port, true);
            } catch (IOException unreachable) {
                tcp.close();
                return null;
            }
            try {
                socket.setSoTimeout((int) readTimeout.toMillis());
                socket.startHandshake();
                if (socket.getInputStream().read() != -1) {
                    return socket;
                }
            } catch (IOException refused) {
                // refused until the node has the door's key from the server: closed below, asked again
            }
            socket.close();
            return null;
        }, Objects::nonNull);
    }

    static SSLSocket open(SSLContext asListedDoor, int port, Duration readTimeout) {
        return open(asListedDoor, port, readTimeout, 0);
    }

    /**
     * True when the node ends the connection, false when it sends nothing for the socket's read timeout. What it sends
     * meanwhile (its own wants, keepalives) is read and dropped.
     */
    static boolean readsToTheEnd(InputStream in) throws IOException {
        try {
            while (in.read() != -1) {
                // the node's own frames
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (javax.net.ssl.SSLException | java.net.SocketException closed) {
            return true;
        }
    }
}
