package dev.lanyard.kiosk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.sync.SyncException;
import dev.lanyard.kiosk.support.Closer;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.protocol.PairingCodeResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pairing by hand, URL and code typed without the QR, against servers started as {@code serve}
 * starts with no TLS flag: the typed code's certificate check decides which certificate the kiosk
 * pins, before the code is sent (ADR 0208).
 */
class PairByHandTest {
    @TempDir
    Path tmp;
    final Closer closeMe = new Closer();

    @AfterEach
    void stop() {
        closeMe.close();
    }

    private static String url(LiveServer live) {
        // an address the self-signed certificate does not name, as a LAN address from another network would be
        return "https://" + PinnedRealtimeTest.UNNAMED_ADDRESS + ":" + live.server.port();
    }

    @Test
    void aCodeTypedWithItsCheckPinsTheServersSelfSignedCertificate() throws Exception {
        LiveServer live = closeMe.keep(LiveServer.startAsServeDoes(tmp.resolve("server"), ReentryPolicy.WARN));
        live.add("Seo Jiwoo", null, null);
        PairingCodeResponse code = live.pairingCode();
        Kiosk kiosk = closeMe.keep(Kiosk.open(LiveServer.options(tmp.resolve("kiosk"), Clock.systemUTC()), true));

        kiosk.pair(url(live), code.code().toLowerCase().replace("-", " "), "Door by hand", null);
        kiosk.bootstrap(p -> { });

        assertThat(kiosk.identity().certSha256()).isEqualTo(live.server.certificateFingerprint());
        assertThat(kiosk.status(false).participants()).isEqualTo(1);
    }

    @Test
    void aServerWhoseCertificateTheCodeDoesNotNameIsRefusedAndTheCodeStaysUnspent() throws Exception {
        LiveServer real = closeMe.keep(LiveServer.startAsServeDoes(tmp.resolve("real"), ReentryPolicy.WARN));
        LiveServer impostor = closeMe.keep(LiveServer.startAsServeDoes(tmp.resolve("impostor"), ReentryPolicy.WARN));
        PairingCodeResponse code = real.pairingCode();
        Kiosk kiosk = closeMe.keep(Kiosk.open(LiveServer.options(tmp.resolve("kiosk"), Clock.systemUTC()), true));

        assertThatThrownBy(() -> kiosk.pair(url(impostor), code.code(), "Door", null))
                .isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.kind())
                .isEqualTo(SyncException.Kind.CERTIFICATE))
                .hasMessageContaining("does not name");
        assertThatThrownBy(kiosk::identity).as("not paired").isInstanceOf(IllegalStateException.class);

        kiosk.pair(url(real), code.code(), "Door", null);
        assertThat(kiosk.identity().certSha256()).isEqualTo(real.server.certificateFingerprint());
    }

    /**
     * A code typed with its certificate check against an http:// address: the check was skipped without a word and
     * the code sent in clear, for anyone on the venue's network to redeem first. Found by a review.
     */
    @Test
    void aCodeWithItsCertificateCheckIsNeverSentToAPlainHttpAddress() throws Exception {
        LiveServer live = closeMe.keep(LiveServer.startAsServeDoes(tmp.resolve("server"), ReentryPolicy.WARN));
        PairingCodeResponse code = live.pairingCode();
        Kiosk kiosk = closeMe.keep(Kiosk.open(LiveServer.options(tmp.resolve("kiosk"), Clock.systemUTC()), true));
        java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        try (java.net.ServerSocket plain = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread listener = new Thread(() -> {
                while (!plain.isClosed()) {
                    try (java.net.Socket s = plain.accept()) {
                        connections.incrementAndGet();
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            listener.setDaemon(true);
            listener.start();

            assertThatThrownBy(() -> kiosk.pair("http://127.0.0.1:" + plain.getLocalPort(), code.code(), "Door",
                    null)).hasMessageContaining("https");
            assertThat(connections).hasValue(0);
        }
    }
}
