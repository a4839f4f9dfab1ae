package dev.lanyard.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A door's link over real loopback sockets: bytes pass unchanged, no faster than the rate, and a cut link drops and
 * refuses.
 */
class LinkProxyTest {
    @Test
    void bytesPassUnchangedAtNoMoreThanTheRate() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             LinkProxy link = new LinkProxy("http://127.0.0.1:" + server.getLocalPort(), 20 * 1024)) {
            byte[] sent = new byte[40 * 1024];
            Arrays.fill(sent, (byte) 7);
            sent[sent.length - 1] = 9;
            Thread sender = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.getOutputStream().write(sent);
                } catch (IOException ignored) {
                    // the test fails on what arrived
                }
            });
            sender.start();
            URI uri = URI.create(link.url("http://x"));
            long t0 = System.nanoTime();
            byte[] got;
            try (Socket client = new Socket(uri.getHost(), uri.getPort()); InputStream in = client.getInputStream()) {
                got = in.readAllBytes();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(got).isEqualTo(sent);
            assertThat(seconds).as("40 KB at 20 KB/s").isGreaterThanOrEqualTo(1.5);
        }
    }

    @Test
    void aCutLinkDropsItsConnectionsAndRefusesNewOnesUntilHealed() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             LinkProxy link = new LinkProxy("http://127.0.0.1:" + server.getLocalPort(), 0)) {
            URI uri = URI.create(link.url("http://x"));
            Socket client = new Socket(uri.getHost(), uri.getPort());
            Socket upstream = server.accept();
            link.cut();
            client.setSoTimeout(5_000); // a connection the cut missed fails the test instead of hanging the build
            assertThat(client.getInputStream().read()).as("the open connection is dropped").isEqualTo(-1);
            try (Socket refused = new Socket(uri.getHost(), uri.getPort())) {
                assertThatThrownBy(() -> {
                    refused.setSoTimeout(5_000);
                    int b = refused.getInputStream().read();
                    if (b == -1) {
                        throw new IOException("closed");
                    }
                }).isInstanceOf(IOException.class);
            }
            link.heal();
            try (Socket again = new Socket(uri.getHost(), uri.getPort()); Socket accepted = server.accept()) {
                accepted.getOutputStream().write(42);
                assertThat(again.getInputStream().read()).isEqualTo(42);
            }
            client.close();
            upstream.close();
        }
    }
}
